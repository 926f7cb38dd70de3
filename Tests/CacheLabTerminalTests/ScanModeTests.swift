import Testing

/// `cachelab --scan`: the key names redis-cli --scan lists for the same keys. SCAN's order
/// follows each server's hash table, which Redis leaves unspecified, so lines are compared
/// sorted.
@Suite(.serialized) struct ScanModeTests {
    @Test func listsTheSameKeysAsRedisCLI() throws {
        guard let oracle = try RedisCLIOracle.start() else { return }
        try oracle.expectSame(["MSET", "a", "1", "b c", "2", "ab", "3", "caf\u{E9}", "4", "line\nbreak", "5"])
        for arguments in [["--scan"], ["--no-raw", "--scan"], ["--scan", "--pattern", "a*"], ["--scan", "--pattern", "["],
                          ["--scan", "--quoted-pattern", "\"a*\""], ["--scan", "--pattern", "x", "--quoted-pattern", "\"b*\""],
                          ["--scan", "--quoted-pattern", "\"a*\"", "--pattern", "c*"], ["--scan", "--quoted-pattern", "\"a*\" x"],
                          ["--scan", "--pattern", "a*", "GET", "a"], ["-n", "1", "--scan"]] {
            let (real, ours) = try oracle.runBoth(arguments)
            let label = arguments.joined(separator: " ")
            #expect(ours.status == real.status, "exit status of \(label)")
            #expect(ours.errorText == real.errorText, "stderr of \(label)")
            #expect(ours.text.split(separator: "\n").sorted() == real.text.split(separator: "\n").sorted(), "stdout of \(label)")
        }
    }
}

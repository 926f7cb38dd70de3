import Testing

/// `cachelab --bigkeys` and `--memkeys` beside redis-cli's on the same keys. SCAN's order
/// follows each server's hash table, so the progress lines are compared as a set (each key
/// here is its type's only one, so each prints one line); the header and the summary must
/// match exactly, including the summary's order of types, which in redis-cli depends on how
/// many keys were looked up.
@Suite(.serialized) struct BigKeysModeTests {
    private func expectSameSurvey(_ oracle: RedisCLIOracle, _ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation) throws {
        let (real, ours) = try oracle.runBoth(arguments)
        let label = arguments.joined(separator: " ")
        #expect(ours.status == real.status, "exit status of \(label)", sourceLocation: sourceLocation)
        #expect(ours.errorText == real.errorText, "stderr of \(label)", sourceLocation: sourceLocation)
        #expect(RedisCLIOracle.progressAndRest(ours.text).progress == RedisCLIOracle.progressAndRest(real.text).progress, "progress lines of \(label)", sourceLocation: sourceLocation)
        #expect(RedisCLIOracle.progressAndRest(ours.text).rest == RedisCLIOracle.progressAndRest(real.text).rest, "header and summary of \(label)", sourceLocation: sourceLocation)
    }

    @Test func surveysMatchRedisCLI() throws {
        guard let oracle = try RedisCLIOracle.start() else { return }
        let surveys = [["--bigkeys"], ["--memkeys"], ["--memkeys-samples", "2"], ["--bigkeys", "--pattern", "z*"], ["--memkeys", "--bigkeys"]]
        for arguments in surveys { try expectSameSurvey(oracle, arguments) }
        try oracle.expectSame(["SET", "string", "hello world"])
        for arguments in surveys { try expectSameSurvey(oracle, arguments) }
        for command in [["RPUSH", "list", "a", "b", "c"], ["HSET", "hash", "f", "v", "g", "w"], ["SADD", "set", "1", "2", "3", "4"],
                        ["ZADD", "zset", "1", "a"]] {
            try oracle.expectSame(command)
        }
        for arguments in surveys { try expectSameSurvey(oracle, arguments) }
        // A new stream node's listpack is allocated at stream-node-max-bytes and shrinks to
        // its size when the dump is loaded. Each cachelab invocation loads the dump, as a
        // restarted server would, so MEMORY USAGE of a stream is compared elsewhere, where
        // both engines live on (`memory-usage-stream-nodes.redis`); here only its length.
        try oracle.expectSame(["XADD", "stream", "1-1", "f", "v"])
        try expectSameSurvey(oracle, ["--bigkeys"])
    }
}

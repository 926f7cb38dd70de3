import Foundation
import Testing

/// Crash safety of the AOF with `appendfsync always`: the built `cachelab` binary, fed a write
/// workload on piped input, is killed with SIGKILL at random points; every write whose reply
/// it had printed must be there after a restart on the same folder (which also has to cope
/// with a half-written last command).
@Suite struct AOFCrashTests {
    @Test func killedProcessesKeepEveryAcknowledgedWrite() throws {
        let home = try TemporaryDirectory()
        let dataDir = home.path + "/data"
        let environment = BuiltProducts.isolatedEnvironment(in: home)
        let flags = ["--appendonly", "yes", "--appendfsync", "always", "--save", "", "--dir", dataDir]
        var random = SystemRandomNumberGenerator()
        var acknowledged: [(key: String, value: String)] = []
        var kills = 0
        // A cycle whose process finishes before its random target line shows up (replies are
        // written in large buffers) is not a kill; run cycles until 20 kills, within a bound.
        for cycle in 0..<80 where kills < 20 {
            let pairs = 1500
            var input = ""
            var values: [String] = []
            for i in 0..<pairs {
                let value = "c\(cycle)-\(i)-" + String(repeating: "v", count: 180)
                values.append(value)
                input += "set c\(cycle):k\(i) \(value)\nget c\(cycle):k\(i)\n"
            }
            let inputPath = try home.write("input-\(cycle)", Array(input.utf8))
            let out = home.path + "/out-\(cycle)", err = home.path + "/err-\(cycle)"
            let pid = try Subprocess.spawn(BuiltProducts.cachelab, flags, stdinPath: inputPath, stdoutPath: out, stderrPath: err,
                                           environment: environment)
            let target = Int.random(in: 2...(2 * pairs - 2), using: &random)
            var killed = false
            while true {
                let text = (try? String(contentsOfFile: out, encoding: .utf8)) ?? ""
                if text.split(separator: "\n", omittingEmptySubsequences: false).count > target {
                    kill(pid, SIGKILL)
                    killed = true
                    break
                }
                var status: Int32 = 0
                if waitpid(pid, &status, WNOHANG) == pid { break }
            }
            if killed {
                var status: Int32 = 0
                _ = waitpid(pid, &status, 0)
                kills += 1
            }
            // Each GET reply that was printed in full acknowledges the SET before it.
            let lines = ((try? String(contentsOfFile: out, encoding: .utf8)) ?? "").split(separator: "\n", omittingEmptySubsequences: false)
            var i = 1
            while i < lines.count - 1 {
                let n = i / 2
                if lines[i] == values[n] { acknowledged.append(("c\(cycle):k\(n)", values[n])) }
                i += 2
            }
        }
        #expect(kills >= 20)
        #expect(!acknowledged.isEmpty)
        let check = acknowledged.map { "get \($0.key)\n" }.joined()
        let checkPath = try home.write("check", Array(check.utf8))
        let result = try Subprocess.run(BuiltProducts.cachelab, flags, stdinPath: checkPath, environment: environment)
        #expect(result.status == 0, "\(result.errorText)")
        let got = result.text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var missing = 0
        for (index, pair) in acknowledged.enumerated() where index >= got.count || got[index] != pair.value { missing += 1 }
        #expect(missing == 0, "\(missing) of \(acknowledged.count) acknowledged writes lost")
    }
}

import CacheLabVisualizer
import Foundation

/// A real redis-server for the fidelity benchmark: a fresh process per configuration, on a
/// free loopback port, with no persistence, stopped (by its own PID) when the run ends.
struct RealRedis {
    let executable: String

    /// redis-server on the PATH, or nil.
    static func find() -> RealRedis? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for dir in path.split(separator: ":") {
            let candidate = "\(dir)/redis-server"
            if FileManager.default.isExecutableFile(atPath: candidate) { return RealRedis(executable: candidate) }
        }
        return nil
    }

    /// Read-through in one command: GET, and SET on a miss; returns 1 for a hit, 0 for a miss.
    static let script = "if redis.call('GET', KEYS[1]) then return 1 end redis.call('SET', KEYS[1], ARGV[1]) return 0"

    /// Runs phase 1 and the trace, paced to `rate` commands per second, pipelined in batches.
    func run(config: EvictionBenchmark.Config, budget: Int, keys runner: ReadThroughRun, trace: [Int],
             rate: Int, warmup: Int) -> (ratio: Double, keys: Int)? {
        guard let (process, port) = start() else { return nil }
        defer {
            process.terminate()
            process.waitUntilExit()
        }
        guard let client = connect(port: port) else { return nil }
        _ = client.call("CONFIG", "SET", "maxmemory-policy", config.policy.name)
        _ = client.call("CONFIG", "SET", "maxmemory-samples", String(config.samples))
        guard case .bulk(let shaBytes?) = client.call("SCRIPT", "LOAD", Self.script) else { return nil }
        let sha = Array(shaBytes)
        // Every command the run uses runs once before the baseline is read (the script on a
        // scratch key, then INFO itself): Redis allocates a 24,688-byte latency histogram on
        // a command's first call, and CacheLab's engine is warmed the same way.
        _ = client.call("EVALSHA", String(decoding: sha, as: UTF8.self), "1", "cachelab:warmup", "x")
        _ = client.call("DEL", "cachelab:warmup")
        _ = client.call("DBSIZE")
        _ = client.call("INFO", "memory")
        // Let the cron shrink the client's 16 kB reply buffer first (it runs every 100 ms).
        usleep(300_000)
        guard case .bulk(let info?) = client.call("INFO", "memory"),
              let used = String(decoding: info, as: UTF8.self).split(separator: "\r\n")
                .first(where: { $0.hasPrefix("used_memory:") }).flatMap({ Int($0.dropFirst(12)) }) else { return nil }
        _ = client.call("CONFIG", "SET", "maxmemory", String(used + budget))
        let value = runner.value.array
        let names = runner.keyNames.map(\.array)
        let batch = 100
        let started = DispatchTime.now().uptimeNanoseconds
        var sent = 0
        func pace() {
            let due = started + UInt64(Double(sent) / Double(rate) * 1e9)
            let now = DispatchTime.now().uptimeNanoseconds
            if due > now { usleep(useconds_t((due - now) / 1000)) }
        }
        // Phase 1: SET every key.
        var i = 0
        while i < names.count {
            let end = min(names.count, i + batch)
            for k in i..<end { client.send([Array("SET".utf8), names[k], value]) }
            client.flush()
            for _ in i..<end { _ = client.read() }
            sent += end - i
            i = end
            pace()
        }
        // Phase 2: the trace, read-through.
        var hits = 0, measured = 0
        i = 0
        while i < trace.count {
            let end = min(trace.count, i + batch)
            for k in i..<end { client.send([Array("EVALSHA".utf8), sha, Array("1".utf8), names[trace[k]], value]) }
            client.flush()
            for k in i..<end {
                if case .integer(let hit) = client.read(), k >= warmup {
                    measured += 1
                    hits += hit
                } else if k >= warmup {
                    measured += 1
                }
            }
            sent += end - i
            i = end
            pace()
        }
        var held = 0
        if case .integer(let n) = client.call("DBSIZE") { held = n }
        return (measured == 0 ? 0 : Double(hits) / Double(measured), held)
    }

    private func start() -> (Process, UInt16)? {
        for attempt in 0..<20 {
            let port = UInt16(21000 + Int(getpid() % 2000) + attempt * 7)
            if RESPClient(port: port) != nil { continue }   // taken
            let process = Process()
            process.executableURL = URL(fileURLWithPath: executable)
            process.arguments = ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
                                 "--daemonize", "no", "--loglevel", "warning"]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            do { try process.run() } catch { return nil }
            for _ in 0..<100 {
                if RESPClient(port: port) != nil { return (process, port) }
                usleep(20_000)
            }
            process.terminate()
        }
        return nil
    }

    private func connect(port: UInt16) -> RESPClient? { RESPClient(port: port) }
}

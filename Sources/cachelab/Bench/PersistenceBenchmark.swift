import CacheLabEngine
import Foundation

/// Measures SAVE and the load at start-up, CacheLab beside a real redis-server, on the same
/// data: a million small string keys, and one list, one hash, one set and one sorted set of a
/// million elements each.
///
/// CacheLab: the keyspace is filled through `Engine.execute`, then `SAVE` is timed (snapshot,
/// serialisation, write, fsync, rename), then a fresh engine loads the dump as the REPL does
/// at start (`loadAtStartup`: read, parse, build the keyspace). Redis: the same commands are
/// pipelined to a redis-server started on an empty folder, `SAVE` is timed from the client,
/// then the server is started again on its dump; its load time is the one it logs ("DB
/// loaded from disk: ... seconds"), and the time until it first answers PING is shown too.
struct PersistenceBenchmark {
    enum Dataset: String, CaseIterable {
        case keys, list, hash, set, zset

        func title(_ n: Int) -> String {
            let count = PersistenceBenchmark.humanCount(n)
            switch self {
            case .keys: return "\(count) small keys"
            case .list: return "list of \(count)"
            case .hash: return "hash of \(count)"
            case .set: return "set of \(count)"
            case .zset: return "zset of \(count)"
            }
        }

        /// The commands that build the dataset, `chunk` elements per command for the
        /// collections, handed to `body` a thousand commands at a time.
        func commands(_ n: Int, _ body: ([[Bytes]]) -> Void) {
            let chunk = 1000
            var batch: [[Bytes]] = []
            batch.reserveCapacity(1000)
            func emit(_ argv: [Bytes]) {
                batch.append(argv)
                if batch.count == 1000 { body(batch); batch.removeAll(keepingCapacity: true) }
            }
            switch self {
            case .keys:
                for i in 0..<n { emit(["SET", Bytes("key:\(i)"), Bytes("value:\(i)")]) }
            default:
                var i = 0
                while i < n {
                    let end = min(n, i + chunk)
                    var argv: [Bytes] = []
                    switch self {
                    case .list:
                        argv = ["RPUSH", "list"]
                        for k in i..<end { argv.append(Bytes("element:\(k)")) }
                    case .hash:
                        argv = ["HSET", "hash"]
                        for k in i..<end { argv.append(Bytes("field:\(k)")); argv.append(Bytes(integer: Int64(k))) }
                    case .set:
                        argv = ["SADD", "set"]
                        for k in i..<end { argv.append(Bytes("member:\(k)")) }
                    default:
                        argv = ["ZADD", "zset"]
                        for k in i..<end { argv.append(Bytes(DoubleFormat.reply(Double(k) * 1.5))); argv.append(Bytes("member:\(k)")) }
                    }
                    emit(argv)
                    i = end
                }
            }
            if !batch.isEmpty { body(batch) }
        }

        /// The command that counts what was loaded (DBSIZE, or the collection's length).
        var countCommand: [Bytes] {
            switch self {
            case .keys: return ["DBSIZE"]
            case .list: return ["LLEN", "list"]
            case .hash: return ["HLEN", "hash"]
            case .set: return ["SCARD", "set"]
            case .zset: return ["ZCARD", "zset"]
            }
        }
    }

    /// One dataset's figures; Redis's are nil without a redis-server.
    struct Row {
        let title: String
        var ourSave = Timing()
        var ourLoad = Timing()
        var ourFileBytes = 0
        var ourLoadedCount = 0
        var redisSave: Double?
        var redisLoad: Double?
        var redisFirstPong: Double?
        var redisFileBytes: Int?
        var redisLoadedCount: Int?
    }

    /// Wall seconds, and CPU seconds of all of CacheLab's threads.
    struct Timing {
        var wall = 0.0
        var cpu = 0.0
    }

    let elements: Int
    let redisExecutable: String?
    let root: String
    /// Each SAVE and each load runs this many times; the fastest run counts.
    let repeats: Int

    static func humanCount(_ n: Int) -> String {
        if n % 1_000_000 == 0 { return "\(n / 1_000_000)M" }
        if n % 1000 == 0 { return "\(n / 1000)k" }
        return String(n)
    }

    static func measure(_ body: () throws -> Void) rethrows -> Timing {
        let wall = DispatchTime.now().uptimeNanoseconds
        let cpu = EngineBenchmark.processCPUTime()
        try body()
        return Timing(wall: Double(DispatchTime.now().uptimeNanoseconds - wall) / 1e9, cpu: EngineBenchmark.processCPUTime() - cpu)
    }

    /// The fastest of `repeats` runs.
    func fastest(_ body: () throws -> Void) rethrows -> Timing {
        var best: Timing?
        for _ in 0..<repeats {
            let t = try Self.measure(body)
            if best == nil || t.wall < best!.wall { best = t }
        }
        return best!
    }

    static func fileSize(_ path: String) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber)?.intValue ?? 0
    }

    func run(_ dataset: Dataset) throws -> Row {
        var row = Row(title: dataset.title(elements))
        let dir = root + "/cachelab-\(dataset.rawValue)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let config = Config()
        try config.setAtStartup("dir", dir)
        try config.setAtStartup("save", "")
        do {
            let engine = Engine(clock: .system(), config: config)
            let session = engine.makeSession()
            dataset.commands(elements) { batch in for argv in batch { _ = engine.execute(argv, session: session) } }
            row.ourSave = try fastest { try engine.persistence.save() }
        }
        row.ourFileBytes = Self.fileSize(dir + "/dump.rdb")
        var loaded = Engine(clock: .system(), config: config)
        for run in 0..<repeats {
            if run > 0 { loaded = Engine(clock: .system(), config: config) }
            let t = try Self.measure { _ = try loaded.persistence.loadAtStartup() }
            if run == 0 || t.wall < row.ourLoad.wall { row.ourLoad = t }
        }
        if case .integer(let n) = loaded.execute(dataset.countCommand, session: loaded.makeSession()) { row.ourLoadedCount = Int(n) }
        if let redisExecutable {
            try runRedis(dataset, executable: redisExecutable, into: &row)
        }
        return row
    }

    /// Fills a redis-server, times SAVE, then times its start on the dump.
    private func runRedis(_ dataset: Dataset, executable: String, into row: inout Row) throws {
        let dir = root + "/redis-\(dataset.rawValue)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        guard let first = BenchRedisServer(executable: executable, directory: dir) else { return }
        dataset.commands(elements) { batch in
            for argv in batch { first.client.send(argv.map(\.array)) }
            first.client.flush()
            for _ in batch { _ = first.client.read() }
        }
        for _ in 0..<repeats {
            let started = DispatchTime.now().uptimeNanoseconds
            guard case .status = first.client.call("SAVE") else { first.stop(); return }
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
            row.redisSave = min(row.redisSave ?? seconds, seconds)
        }
        first.stop()
        row.redisFileBytes = Self.fileSize(dir + "/dump.rdb")
        for _ in 0..<repeats {
            try? FileManager.default.removeItem(atPath: dir + "/redis.log")
            guard let second = BenchRedisServer(executable: executable, directory: dir) else { return }
            row.redisFirstPong = min(row.redisFirstPong ?? second.secondsToFirstPong, second.secondsToFirstPong)
            if let logged = second.loggedLoadSeconds() { row.redisLoad = min(row.redisLoad ?? logged, logged) }
            second.client.send(dataset.countCommand.map(\.array))
            if case .integer(let n) = second.client.read() { row.redisLoadedCount = n }
            second.stop()
        }
    }

    static func render(_ rows: [Row], elements: Int) -> String {
        func ms(_ s: Double?) -> String { s.map { String(format: "%.0f", $0 * 1000) } ?? "-" }
        func mb(_ b: Int?) -> String { b.map { String(format: "%.1f", Double($0) / 1_048_576) } ?? "-" }
        func ratio(_ ours: Double, _ theirs: Double?) -> String {
            guard let theirs, theirs > 0 else { return "-" }
            return String(format: "%.2fx", ours / theirs)
        }
        let header = ["data", "SAVE ms", "redis", "ratio", "load ms", "redis", "ratio", "PONG ms", "MB", "redis MB", "count"]
        let widths = [18, 9, 8, 7, 9, 8, 7, 9, 7, 9, 16]
        func line(_ cells: [String]) -> String {
            zip(cells, widths).enumerated().map { i, pair in
                let (text, width) = pair
                let gap = String(repeating: " ", count: max(0, width - text.count))
                return i == 0 ? text + gap : gap + text
            }.joined(separator: " ")
        }
        var out = [line(header)]
        for r in rows {
            let counts = r.redisLoadedCount.map { "\(r.ourLoadedCount)/\($0)" } ?? "\(r.ourLoadedCount)"
            out.append(line([r.title, ms(r.ourSave.wall), ms(r.redisSave), ratio(r.ourSave.wall, r.redisSave),
                             ms(r.ourLoad.wall), ms(r.redisLoad), ratio(r.ourLoad.wall, r.redisLoad), ms(r.redisFirstPong),
                             mb(r.ourFileBytes), mb(r.redisFileBytes), counts]))
        }
        out.append("")
        out.append("SAVE: CacheLab's SAVE (snapshot, serialise, write, fsync, rename) beside redis-server's SAVE timed from a client.")
        out.append("load: a fresh engine loading the dump at start-up beside the time redis-server logs (\"DB loaded from disk\");")
        out.append("PONG: redis-server's start on the dump until it first answers PING. ratio: CacheLab / Redis (below 1: faster).")
        out.append("Each figure is the fastest of the runs (--repeat).")
        out.append("CPU seconds (all threads) of CacheLab's SAVE and load: " + rows.map { String(format: "%@ %.3f/%.3f", $0.title, $0.ourSave.cpu, $0.ourLoad.cpu) }.joined(separator: ", "))
        return out.joined(separator: "\n")
    }
}

/// A redis-server for the persistence benchmark, started on `directory` (loading its dump
/// if there is one) on a free loopback port, stopped by its own PID.
final class BenchRedisServer {
    let process = Process()
    let client: RESPClient
    let directory: String
    /// Seconds from the start of the process until PING answered PONG (not -LOADING).
    let secondsToFirstPong: Double

    init?(executable: String, directory: String) {
        self.directory = directory
        let started = DispatchTime.now().uptimeNanoseconds
        var port: UInt16 = 0
        for attempt in 0..<20 {
            let candidate = UInt16(23000 + Int(getpid() % 2000) + attempt * 11)
            if RESPClient(port: candidate) == nil { port = candidate; break }
        }
        guard port != 0 else { return nil }
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
                             "--dir", directory, "--dbfilename", "dump.rdb", "--daemonize", "no",
                             "--logfile", directory + "/redis.log", "--loglevel", "notice"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return nil }
        var connected: RESPClient?
        for _ in 0..<60_000 {
            if let c = connected ?? RESPClient(port: port) {
                connected = c
                if case .status(let pong) = c.call("PING"), pong == "PONG" { break }
            }
            usleep(1000)
        }
        guard let connected else {
            process.terminate()
            return nil
        }
        client = connected
        secondsToFirstPong = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
    }

    /// The load time redis-server logged, in seconds.
    func loggedLoadSeconds() -> Double? {
        guard let log = try? String(contentsOfFile: directory + "/redis.log", encoding: .utf8),
              let line = log.split(separator: "\n").last(where: { $0.contains("DB loaded from disk:") }),
              let number = line.split(separator: ":").last?.split(separator: " ").first else { return nil }
        return Double(number)
    }

    func stop() {
        process.terminate()
        process.waitUntilExit()
    }
}

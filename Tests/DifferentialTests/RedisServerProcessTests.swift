import Foundation
import Testing
@testable import CacheLabEngine

/// The test harness's redis-server: a test gets it only once it has loaded its files.
///
/// Redis listens before it loads its dataset and, while it replays an AOF, serves clients
/// every 1024 commands (at the very first one of each file too): INFO (and SELECT, PING...)
/// are answered, but KEYS, DBSIZE or GET get `-LOADING`. A harness that takes the first
/// INFO for "ready" hands the test a server that is still loading, and a reader that skips
/// error replies then sees some databases empty: the cause of a rare failure of
/// `AOFInteropTests.redisLoadsCacheLabsAOF(preamble: "no")`, where Redis seemed to hold
/// only the keys of db 3 (db 0 was read during the load, db 3 after it).
@Suite(.serialized) struct RedisServerProcessTests {
    /// An AOF folder whose base replays `count` SETs in db 0 and one in db 3, plus an incr
    /// file: long enough that the load spans many rounds of serving clients.
    static func writeLongAOF(in dir: String, count: Int) throws {
        let folder = dir + "/appendonlydir"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        var base: [UInt8] = []
        AOFCommandForm.resp(["SELECT", "0"], into: &base)
        for i in 0..<count { AOFCommandForm.resp(["SET", Bytes("k\(i)"), "v"], into: &base) }
        AOFCommandForm.resp(["SELECT", "3"], into: &base)
        AOFCommandForm.resp(["SET", "in3", "x"], into: &base)
        var incr: [UInt8] = []
        AOFCommandForm.resp(["SELECT", "0"], into: &incr)
        AOFCommandForm.resp(["SET", "last", "1"], into: &incr)
        try Data(base).write(to: URL(fileURLWithPath: folder + "/appendonly.aof.1.base.aof"))
        try Data(incr).write(to: URL(fileURLWithPath: folder + "/appendonly.aof.1.incr.aof"))
        let manifest = "file appendonly.aof.1.base.aof seq 1 type b\nfile appendonly.aof.1.incr.aof seq 1 type i\n"
        try Data(manifest.utf8).write(to: URL(fileURLWithPath: folder + "/appendonly.aof.manifest"))
    }

    @Test func serverIsHandedOverOnlyOnceItsAOFIsLoaded() throws {
        try RedisServerProcess.requireInstalled()
        let dir = try RDBInteropTests.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let count = 50_000
        try Self.writeLongAOF(in: dir, count: count)
        let server = try RedisServerProcess(extraArguments: ["--dir", dir, "--appendonly", "yes"])
        defer { server.stop() }
        let client = try RESPClient(port: server.port)
        // The very first data commands must see the whole dataset, not -LOADING.
        #expect(try client.call(["DBSIZE"]) == .integer(Int64(count + 1)))
        #expect(try client.call(["GET", "last"]) == .bulk("1"))
        #expect(try client.call(["SELECT", "3"]) == .ok)
        #expect(try client.call(["DBSIZE"]) == .integer(1))
    }

    /// Reading a server's keyspace fails loudly on an error reply rather than taking the
    /// database for empty.
    @Test func pictureRefusesErrorReplies() throws {
        try RedisServerProcess.requireInstalled()
        let server = try RedisServerProcess()
        defer { server.stop() }
        let client = try RESPClient(port: server.port)
        #expect(try client.call(["SET", "k", "v"]) == .ok)
        // Renaming KEYS away is not possible at run time; asking for databases that do not
        // exist makes SELECT fail instead.
        #expect(throws: RDBInteropTests.PictureError.self) { try RDBInteropTests.picture(of: client, databases: 0..<17) }
    }
}

import Foundation
import Testing
import CacheLabEngine
@testable import CacheLabModels

@Suite struct MemcachedTests {
    @Test func slabTableMatchesMemcached() {
        let slabs = SlabClasses()
        #expect(slabs.classes.count == 39)
        #expect(slabs.classes[0] == .init(id: 1, chunkSize: 96, chunksPerPage: 10922))
        #expect(slabs.classes[11] == .init(id: 12, chunkSize: 1184, chunksPerPage: 885))
        #expect(slabs.classes[12] == .init(id: 13, chunkSize: 1480, chunksPerPage: 708))
        #expect(slabs.classes.last == .init(id: 39, chunkSize: 524288, chunksPerPage: 2))
    }

    @Test func itemSize() {
        #expect(ItemSize.total(keyLength: 1, flags: 0, valueLength: 3) == 63)
        #expect(ItemSize.total(keyLength: 1, flags: 5, valueLength: 3) == 67)
    }

    @Test func expiryRule() {
        #expect(Expiry.absolute(10, now: 1000) == 1010)
        #expect(Expiry.absolute(2_592_000, now: 1000) == 2_593_000)
        #expect(Expiry.absolute(2_592_001, now: 1000) == 2_592_001)
        #expect(Expiry.isExpired(Expiry.absolute(-1, now: 1000), now: 1000))
        let clock = Clock.manual()
        let session = MemcachedTextSession(store: MemcachedStore(clock: clock))
        _ = session.feed(line: Array("set k 0 10 1".utf8))
        #expect(session.feed(line: Array("x".utf8)) == "STORED\r\n")
        clock.advance(byMilliseconds: 9_000)
        #expect(session.feed(line: Array("get k".utf8)).hasPrefix("VALUE k 0 1"))
        clock.advance(byMilliseconds: 1_000)
        #expect(session.feed(line: Array("get k".utf8)) == "END\r\n")
    }

    @Test func hitTwiceBecomesActiveAndSurvivesScan() {
        let store = MemcachedStore(clock: .manual(), megabytes: 1)
        let value = Array(repeating: UInt8(ascii: "v"), count: 900)  // class 12 (1184-byte chunks)
        _ = store.store(.set, key: "hot", flags: 0, exptime: 0, value: value)
        #expect(store.item("hot")?.segment == .cold)  // alone, HOT is over 20% of the class
        _ = store.fetch("hot")
        #expect(store.item("hot")?.fetched == true)
        _ = store.fetch("hot")
        #expect(store.item("hot")?.segment == .warm)  // active in COLD: bumped to WARM
        for i in 0..<2000 {  // a scan far bigger than the one page the class can have
            _ = store.store(.set, key: Bytes("scan\(i)"), flags: 0, exptime: 0, value: value)
        }
        // An inactive WARM item is demoted once WARM holds over 40% of the class bytes, so
        // "hot" (never read again) is not protected here: it leaves with the scan.
        #expect(store.item("scan0") == nil)
        #expect(store.classCounters[11].evicted > 0)
        #expect(store.pages[11] == 1)
    }

    @Test func outOfMemoryWithoutEviction() {
        let store = MemcachedStore(clock: .manual(), megabytes: 1, evictToFree: false)
        let value = Array(repeating: UInt8(ascii: "v"), count: 900)
        var last = StoreResult.stored
        for i in 0..<1000 { last = store.store(.set, key: Bytes("k\(i)"), flags: 0, exptime: 0, value: value) }
        #expect(last == .outOfMemory)
    }

    @Test func traceAPI() {
        var cache = MemcachedTraceCache(store: MemcachedStore(clock: .manual()))
        #expect(cache.access("a") == .miss)
        #expect(cache.access("a") == .hit)
    }

    /// The same bytes sent to the model and to a real memcached; every reply compared.
    @Test func protocolMatchesRealMemcached() throws {
        guard let server = try MemcachedOracle.start() else { return }
        defer { server.stop() }
        let script = """
            set a 5 0 3|abc|get a|gets a|add a 0 0 1|x|replace b 0 0 1|x|append a 9 0 2|de|get a|prepend a 0 0 1|z|gets a
            cas a 0 0 1 999|z|cas zz 0 0 1 1|z|cas a 0 0 1 4|q|get a|incr a 1|set n 0 0 2|10|incr n 5|decr n 100
            incr n 18446744073709551615|incr n x|incr zz 1|decr zz 1|touch a 10|touch zz 10|touch a x|touch a|delete a|delete a
            foo||get|set k 0 0 x|set k 0 0 2|abc|set k 0 0 -1|set k 0 0 5|ab|c|gets k|version|verbosity 1|verbosity|verbosity x
            gat 100 n|gats 100 n zz|gat x n|gat 10|set m 0 0 20|18446744073709551615|incr m 1|get m|set s 0 0 3|  5|incr s 1|get s
            set q 0 0 1 noreply|1|incr q 1 noreply|get q|delete q 0|delete q 1|set f 4294967295 0 1|x|gets f|set d 0 -1 1|x|get d
            set e 0 0 1 foo|x|get e e|set big 0 0 2000000|get big|stats detail|stats foo|delete|incr|add f 0 0 1|y|get f
            flush_all|get a n f|set g 0 0 1|x|gets g|flush_all x|flush_all 0 noreply|get g|decr s 99999999999999999999
            """
        let lines = script.split(separator: "\n").flatMap { $0.split(separator: "|", omittingEmptySubsequences: false) }.map(String.init)
        let session = MemcachedTextSession(store: MemcachedStore(clock: .system()))
        for line in lines {
            let expected = try server.send(line)
            let actual = session.feed(line: Array(line.utf8))
            #expect(actual == expected, "after \(line)")
        }
    }
}

/// A real memcached on loopback, started and stopped by PID.
final class MemcachedOracle {
    static var path: String? {
        ["/usr/bin/memcached", "/usr/local/bin/memcached"].first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    let process: Process
    let socket: Int32

    private init(process: Process, socket: Int32) {
        self.process = process
        self.socket = socket
    }

    static func verboseListing() -> String? {
        guard let path else { return nil }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = ["-u", "root", "-p", "0", "-U", "0", "-l", "127.0.0.1", "-vv", "-t", "1", "-h"]
        // `-h` prints help and exits; the table needs a run, so use `-vv` with a bad port quickly instead.
        process.arguments = ["-u", "root", "-l", "127.0.0.1", "-p", "1", "-U", "0", "-t", "1", "-vv"]
        let pipe = Pipe()
        process.standardError = pipe
        process.standardOutput = pipe
        guard (try? process.run()) != nil else { return nil }
        let deadline = Date().addingTimeInterval(3)
        var data = Data()
        let handle = pipe.fileHandleForReading
        while Date() < deadline {
            data += handle.availableData
            if String(decoding: data, as: UTF8.self).contains("slab class  39") { break }
        }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        let text = String(decoding: data, as: UTF8.self)
        let table = text.split(separator: "\n").filter { $0.hasPrefix("slab class") }.map { $0 + "\n" }.joined()
        return table.isEmpty ? nil : table
    }

    static func start() throws -> MemcachedOracle? {
        guard let path else { return nil }
        for port in (21300..<21400).shuffled().prefix(5) {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: path)
            process.arguments = ["-u", "root", "-p", String(port), "-l", "127.0.0.1", "-U", "0", "-t", "1"]
            process.standardError = FileHandle.nullDevice
            try process.run()
            let deadline = Date().addingTimeInterval(3)
            while Date() < deadline, process.isRunning {
                let fd = Foundation.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
                var address = sockaddr_in()
                address.sin_family = sa_family_t(AF_INET)
                address.sin_port = in_port_t(UInt16(port).bigEndian)
                address.sin_addr.s_addr = inet_addr("127.0.0.1")
                let connected = withUnsafePointer(to: &address) {
                    $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
                }
                if connected == 0 {
                    var timeout = timeval(tv_sec: 0, tv_usec: 150_000)
                    setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
                    return MemcachedOracle(process: process, socket: fd)
                }
                close(fd)
                usleep(20_000)
            }
            if process.isRunning { kill(process.processIdentifier, SIGKILL) }
            process.waitUntilExit()
        }
        return nil
    }

    /// Sends one line with `\r\n` and collects whatever arrives until the socket goes quiet.
    func send(_ line: String) throws -> String {
        let bytes = Array((line + "\r\n").utf8)
        _ = bytes.withUnsafeBytes { Foundation.send(socket, $0.baseAddress, $0.count, 0) }
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = recv(socket, &buffer, buffer.count, 0)
            if count <= 0 { break }
            received += buffer[0..<count]
        }
        return String(decoding: received, as: UTF8.self)
    }

    func stop() {
        close(socket)
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }
}

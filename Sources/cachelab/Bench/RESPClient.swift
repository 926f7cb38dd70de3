import Foundation

/// A small blocking RESP2 client over loopback TCP, for the benchmark's real redis-server.
/// Commands can be pipelined: `send` many, then `read` as many replies.
final class RESPClient {
    enum Reply {
        case status(String), error(String), integer(Int), bulk([UInt8]?), array([Reply]?)
    }

    private let fd: Int32
    private var buffer: [UInt8] = []
    private var start = 0
    private var pending: [UInt8] = []

    init?(port: UInt16) {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return nil }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        if connected != 0 { close(fd); return nil }
    }

    deinit { close(fd) }

    /// Queues one command (sent on `flush` or `read`).
    func send(_ words: [[UInt8]]) {
        pending += Array("*\(words.count)\r\n".utf8)
        for w in words {
            pending += Array("$\(w.count)\r\n".utf8)
            pending += w
            pending += [13, 10]
        }
    }

    func send(_ words: String...) { send(words.map { Array($0.utf8) }) }

    func flush() {
        var offset = 0
        while offset < pending.count {
            let n = pending[offset...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            if n <= 0 { break }
            offset += n
        }
        pending.removeAll(keepingCapacity: true)
    }

    /// Reads one reply (flushing queued commands first).
    func read() -> Reply {
        if !pending.isEmpty { flush() }
        let line = readLine()
        let rest = String(decoding: line.dropFirst(), as: UTF8.self)
        switch line.first {
        case UInt8(ascii: "+"): return .status(rest)
        case UInt8(ascii: "-"): return .error(rest)
        case UInt8(ascii: ":"): return .integer(Int(rest) ?? 0)
        case UInt8(ascii: "$"):
            let n = Int(rest) ?? -1
            if n < 0 { return .bulk(nil) }
            let data = readBytes(n + 2)
            return .bulk(Array(data.prefix(n)))
        case UInt8(ascii: "*"):
            let n = Int(rest) ?? -1
            if n < 0 { return .array(nil) }
            return .array((0..<n).map { _ in read() })
        default: return .error("protocol error")
        }
    }

    /// Sends one command and waits for its reply.
    func call(_ words: String...) -> Reply {
        send(words.map { Array($0.utf8) })
        return read()
    }

    private func fill() {
        if start > 0 && start == buffer.count { buffer.removeAll(keepingCapacity: true); start = 0 }
        var chunk = [UInt8](repeating: 0, count: 65536)
        let n = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
        if n <= 0 { fatalError("redis-server closed the connection") }
        buffer += chunk[0..<n]
    }

    private func readLine() -> [UInt8] {
        while true {
            if let cr = buffer[start...].firstIndex(of: 13), cr + 1 < buffer.count {
                let line = Array(buffer[start..<cr])
                start = cr + 2
                return line
            }
            fill()
        }
    }

    private func readBytes(_ n: Int) -> [UInt8] {
        while buffer.count - start < n { fill() }
        defer { start += n }
        return Array(buffer[start..<(start + n)])
    }
}

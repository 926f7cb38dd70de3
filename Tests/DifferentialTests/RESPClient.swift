import CacheLabEngine
import Foundation

/// A minimal blocking RESP client for the tests: send one command, read one reply.
final class RESPClient {
    /// The socket; -1 once closed.
    private var fd: Int32
    private var parser = RESPParser()

    struct ClientError: Error, CustomStringConvertible {
        let description: String
    }

    init(port: Int) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_addr.s_addr = inet_addr("127.0.0.1")
        addr.sin_port = in_port_t(UInt16(port).bigEndian)
        let rc = withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        if rc != 0 {
            // A class initializer that throws once every property is set still runs deinit:
            // closing here as well would close the descriptor twice, and the second close
            // could hit a socket another test has opened under the same number meanwhile.
            close(fd)
            fd = -1
            throw ClientError(description: "cannot connect to 127.0.0.1:\(port)")
        }
        var timeout = timeval(tv_sec: 60, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    }

    deinit {
        if fd >= 0 { close(fd) }
    }

    func call(_ argv: [Bytes]) throws -> Reply {
        try pipeline([argv])[0]
    }

    /// Sends every command at once, then reads their replies in order.
    func pipeline(_ commands: [[Bytes]]) throws -> [Reply] {
        var bytes: [UInt8] = []
        for argv in commands { bytes += RESPEncoder.command(argv) }
        var sent = 0
        while sent < bytes.count {
            let n = bytes[sent...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            // A signal (a child process of another test exiting) may interrupt the call.
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { throw ClientError(description: "write failed (errno \(errno))") }
            sent += n
        }
        var chunk = [UInt8](repeating: 0, count: 65536)
        var replies: [Reply] = []
        replies.reserveCapacity(commands.count)
        while replies.count < commands.count {
            do {
                replies.append(try parser.next())
            } catch .incomplete {
                let n = read(fd, &chunk, chunk.count)
                if n < 0 && errno == EINTR { continue }
                if n <= 0 { throw ClientError(description: "connection closed or timed out (errno \(n < 0 ? errno : 0))") }
                parser.append(Array(chunk[0..<n]))
            } catch {
                throw ClientError(description: "bad reply: \(error)")
            }
        }
        return replies
    }
}

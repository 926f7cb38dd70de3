#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CacheLabEngine

/// Bytes on their way to a file descriptor, gathered in one large buffer and written with
/// `write(2)`.
///
/// Piping a million commands through `print` would cost a lock, a String and a syscall per
/// reply; here a reply is appended as bytes and the buffer goes out in large writes. The
/// interactive REPL flushes after every command so the user sees each reply at once.
public struct OutputBuffer {
    public private(set) var bytes: [UInt8] = []
    /// Where `flush()` writes, or nil to only collect (tests and formatters).
    public let fileDescriptor: Int32?
    /// Flushes by themselves once this many bytes are waiting.
    public var flushThreshold: Int
    /// Set once a write failed (a closed pipe): the rest of the output is dropped, as
    /// redis-cli keeps reading its input after `| head` has gone.
    public private(set) var writeFailed = false

    public init(fileDescriptor: Int32? = nil, flushThreshold: Int = 1 << 16) {
        self.fileDescriptor = fileDescriptor
        self.flushThreshold = flushThreshold
        bytes.reserveCapacity(fileDescriptor == nil ? 256 : flushThreshold + 4096)
    }

    public var isEmpty: Bool { bytes.isEmpty }

    /// Writes `line` and a newline to stderr at once: a message for the user, which no
    /// buffering should hold back or reorder.
    public static func writeErrorLine<Line: Sequence>(_ line: Line) where Line.Element == UInt8 {
        var errors = OutputBuffer(fileDescriptor: STDERR_FILENO)
        errors.append(contentsOf: line)
        errors.append(0x0A)
        errors.flush()
    }

    @inline(__always) public mutating func append(_ byte: UInt8) {
        bytes.append(byte)
    }

    @inline(__always) public mutating func append(_ buffer: UnsafeRawBufferPointer) {
        bytes.append(contentsOf: buffer)
    }

    @inline(__always) public mutating func append(_ data: Bytes) {
        data.withUnsafeBytes { bytes.append(contentsOf: $0) }
    }

    @inline(__always) public mutating func append<S: Sequence>(contentsOf sequence: S) where S.Element == UInt8 {
        bytes.append(contentsOf: sequence)
    }

    @inline(__always) public mutating func append(_ text: String) {
        var text = text
        text.withUTF8 { bytes.append(contentsOf: $0) }
    }

    /// Drops the last byte (the TTY formatter joins a map key to its value this way).
    @inline(__always) public mutating func removeLastByte() {
        if !bytes.isEmpty { bytes.removeLast() }
    }

    /// Appends a decimal integer without going through String.
    public mutating func append(decimal value: Int64) {
        if value == 0 {
            bytes.append(UInt8(ascii: "0"))
            return
        }
        var magnitude = value.magnitude
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // 24 bytes: room for 20 digits
        var count = 0
        withUnsafeMutableBytes(of: &digits) { raw in
            while magnitude > 0 {
                raw[23 - count] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
                count += 1
            }
            if value < 0 { bytes.append(UInt8(ascii: "-")) }
            bytes.append(contentsOf: UnsafeRawBufferPointer(rebasing: raw[(24 - count)...]))
        }
    }

    /// Writes when enough is waiting; call after each reply.
    @inline(__always) public mutating func flushIfFull() {
        if bytes.count >= flushThreshold { flush() }
    }

    /// Writes everything waiting to the file descriptor.
    public mutating func flush() {
        guard let fd = fileDescriptor, !bytes.isEmpty else { return }
        if !writeFailed {
            bytes.withUnsafeBytes { raw in
                var offset = 0
                while offset < raw.count {
                    let n = write(fd, raw.baseAddress! + offset, raw.count - offset)
                    if n > 0 {
                        offset += n
                    } else if n < 0 && errno == EINTR {
                        continue
                    } else {
                        writeFailed = true
                        return
                    }
                }
            }
        }
        bytes.removeAll(keepingCapacity: true)
    }

    /// Takes the collected bytes out, leaving the buffer empty.
    public mutating func take() -> [UInt8] {
        defer { bytes.removeAll(keepingCapacity: true) }
        return bytes
    }
}

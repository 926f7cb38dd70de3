#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CacheLabEngine

/// Lines read from a file descriptor in large chunks.
///
/// redis-cli reads piped input a character at a time through stdio; CacheLab must run a
/// million lines in about a second, so it reads 1 MiB at a time with `read(2)` and hands
/// out each line as a view into its buffer, without copying it or making a String. A line
/// ends at `\n`; the last line needs no newline. Like redis-cli, a `\r` before the newline
/// is left in the line, where the tokenizer treats it as a blank.
public struct PipedInput {
    private let fileDescriptor: Int32
    private var buffer: [UInt8]
    /// The unread bytes are `buffer[start..<end]`.
    private var start = 0
    private var end = 0
    private var reachedEOF = false

    public init(fileDescriptor: Int32, chunkSize: Int = 1 << 20) {
        self.fileDescriptor = fileDescriptor
        self.buffer = [UInt8](repeating: 0, count: chunkSize)
    }

    /// Calls `body` with the next line (without its newline); false once the input is done.
    public mutating func nextLine(_ body: (UnsafeRawBufferPointer) -> Void) -> Bool {
        while true {
            let found: Int? = buffer.withUnsafeBytes { raw in
                guard end > start, let base = raw.baseAddress else { return nil }
                guard let hit = memchr(base + start, 0x0A, end - start) else { return nil }
                return base.distance(to: UnsafeRawPointer(hit))
            }
            if let newline = found {
                buffer.withUnsafeBytes { body(UnsafeRawBufferPointer(rebasing: $0[start..<newline])) }
                start = newline + 1
                return true
            }
            if reachedEOF {
                guard end > start else { return false }
                buffer.withUnsafeBytes { body(UnsafeRawBufferPointer(rebasing: $0[start..<end])) }
                start = end
                return true
            }
            refill()
        }
    }

    /// Moves the partial line to the front, grows the buffer if one line fills it, and reads.
    private mutating func refill() {
        if start > 0 {
            let pending = end - start
            if pending > 0 {
                buffer.withUnsafeMutableBytes { raw in
                    raw.baseAddress!.copyMemory(from: raw.baseAddress! + start, byteCount: pending)
                }
            }
            start = 0
            end = pending
        }
        if end == buffer.count {
            buffer.append(contentsOf: repeatElement(0, count: buffer.count))
        }
        let capacity = buffer.count
        let n = buffer.withUnsafeMutableBytes { raw -> Int in
            while true {
                let n = read(fileDescriptor, raw.baseAddress! + end, capacity - end)
                if n < 0 && errno == EINTR { continue }
                return n
            }
        }
        if n <= 0 {
            reachedEOF = true
        } else {
            end += n
        }
    }
}

/// The non-interactive REPL: every line of stdin through the same processor as the
/// interactive one, with no prompt, no history and no line editing.
public enum PipedSession {
    /// Runs to the end of the input (or QUIT) and returns whether any command failed.
    public static func run(processor: LineProcessor, input: Int32 = STDIN_FILENO) -> Bool {
        var reader = PipedInput(fileDescriptor: input)
        var done = false
        while !done, reader.nextLine({ line in
            if processor.process(line: line).exit { done = true }
            processor.output.flushIfFull()
        }) {}
        processor.output.flush()
        return processor.sawError
    }
}

import CacheLabEngine

/// memcached's text protocol as a telnet session sees it.
///
/// Input is a byte stream: a command is a line ending in `\n` (a `\r` before it is
/// dropped), words split on spaces. A storage command (`set key flags exptime bytes`) then
/// reads exactly `bytes` bytes plus `\r\n` as its data block, whatever lines they span; if
/// the two bytes after the data are not `\r\n` the answer is `CLIENT_ERROR bad data chunk`
/// and the rest of the input is read as commands again. A too-large value is refused before
/// it is read, and its data block is skipped.
///
/// `feed(line:)` takes one typed line (a telnet client sends it with `\r\n`) and returns
/// the text the server writes back, with `\r\n` line ends.
public final class MemcachedTextSession {
    public let store: MemcachedStore
    public internal(set) var wantsToClose = false
    public static let version = "1.6.18"
    public static let keyMaxLength = 250

    private var buffer: [UInt8] = []
    enum State {
        case command
        case data(PendingStore, bytes: Int, noreply: Bool)
        /// Skipping a refused data block; the reply is written once it has been read.
        case swallow(Int, reply: String)
    }
    var state = State.command

    public init(store: MemcachedStore) {
        self.store = store
    }

    /// A connection that goes away while a data block is awaited gives its item back.
    deinit {
        if case .data(let pending, _, _) = state { store.cancelStore(pending) }
    }

    /// One line as typed (without its line end); returns the server's reply text.
    public func feed(line: [UInt8]) -> String {
        feed(bytes: line + [13, 10])
    }

    /// Raw bytes as they would arrive on the socket.
    public func feed(bytes: [UInt8]) -> String {
        buffer += bytes
        var out = ""
        var position = 0
        loop: while position < buffer.count, !wantsToClose {
            switch state {
            case .swallow(let remaining, let reply):
                let taken = min(remaining, buffer.count - position)
                position += taken
                if remaining == taken {
                    state = .command
                    out += reply
                } else {
                    state = .swallow(remaining - taken, reply: reply)
                }
            case .data(let pending, let count, let noreply):
                guard buffer.count - position >= count + 2 else { break loop }
                let data = Array(buffer[position..<position + count])
                let ending = buffer[position + count..<position + count + 2]
                position += count + 2
                state = .command
                guard ending.elementsEqual([13, 10]) else {
                    store.abandonStore(pending)
                    out += "CLIENT_ERROR bad data chunk\r\n"
                    continue
                }
                let result = store.completeStore(pending, value: data)
                if !noreply { out += result.rawValue + "\r\n" }
            case .command:
                guard let newline = buffer[position...].firstIndex(of: 10) else { break loop }
                var end = newline
                if end > position, buffer[end - 1] == 13 { end -= 1 }
                let words = buffer[position..<end].split(separator: UInt8(ascii: " "), omittingEmptySubsequences: true).map { Array($0) }
                position = newline + 1
                out += execute(words)
            }
        }
        buffer.removeFirst(position)
        return out
    }
}

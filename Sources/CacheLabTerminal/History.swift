#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CacheLabEngine

/// The REPL's history file, in redis-cli's plain format: one line per entry.
///
/// It lives in `~/.cachelab_history` unless `CACHELAB_HISTFILE` names another file; setting
/// that variable to `/dev/null` or to nothing turns the file off. Like redis-cli, the REPL
/// only reads and writes it when stdin is a terminal, and rewrites it after every line so a
/// crash loses nothing. libedit has its own file format (with a `_HiStOrY_V2_` header), so
/// the file is read and written here and libedit only gets the lines.
public struct HistoryFile {
    /// At most this many entries are kept (linenoise's default, which redis-cli uses).
    public static let capacity = 100

    public let path: String?
    public private(set) var lines: [String] = []

    /// Where the history goes for this environment, or nil when it is turned off.
    public static func path(environment: [String: String]) -> String? {
        if let override = environment["CACHELAB_HISTFILE"] {
            return override.isEmpty || override == "/dev/null" ? nil : override
        }
        guard let home = environment["HOME"], !home.isEmpty else { return nil }
        return home + "/.cachelab_history"
    }

    public init(path: String?) {
        self.path = path
    }

    /// Reads the file, if there is one.
    public mutating func load() {
        guard let path, let file = fopen(path, "r") else { return }
        defer { fclose(file) }
        var data: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = fread(&chunk, 1, chunk.count, file)
            if n <= 0 { break }
            data.append(contentsOf: chunk[0..<n])
        }
        var pieces = data.split(separator: 0x0A, omittingEmptySubsequences: false)
        if pieces.last?.isEmpty == true { pieces.removeLast() }  // after the final newline
        for piece in pieces {
            let line = piece.firstIndex(of: 0x0D).map { piece[..<$0] } ?? piece
            add(String(decoding: line, as: UTF8.self))
        }
    }

    /// Adds a line, unless it repeats the previous one; the oldest entries fall off.
    @discardableResult
    public mutating func add(_ line: String) -> Bool {
        if lines.last == line { return false }
        lines.append(line)
        if lines.count > Self.capacity { lines.removeFirst(lines.count - Self.capacity) }
        return true
    }

    /// Writes every entry, readable by the owner only (the history may hold data).
    public func save() {
        guard let path else { return }
        let oldMask = umask(0o077)
        defer { umask(oldMask) }
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        guard fd >= 0 else { return }
        defer { close(fd) }
        fchmod(fd, 0o600)
        var out = OutputBuffer(fileDescriptor: fd)
        for line in lines {
            out.append(line)
            out.append(0x0A)
        }
        out.flush()
    }
}

/// Commands that carry secrets and are never written to the history (redis-cli's
/// `isSensitiveCommand`): AUTH, ACL SETUSER, CONFIG SET of a sensitive parameter
/// (masterauth, masteruser, requirepass: `Config.isSensitive`), HELLO with AUTH, and MIGRATE
/// with AUTH or AUTH2.
public enum SensitiveCommands {
    public static func contains(_ argv: [Bytes]) -> Bool {
        // Every such command starts with a, c, h or m: most lines are settled by one byte.
        guard let head = argv.first, !head.isEmpty else { return false }
        switch asciiLower(head[0]) {
        case UInt8(ascii: "a"), UInt8(ascii: "c"), UInt8(ascii: "h"), UInt8(ascii: "m"): break
        default: return false
        }
        let argc = argv.count
        func isWord(_ i: Int, _ word: String) -> Bool { equalsIgnoringCase(argv[i], word) }

        if isWord(0, "auth") { return true }
        if argc > 1 && isWord(0, "acl") && isWord(1, "setuser") { return true }
        if argc > 2 && isWord(0, "config") && isWord(1, "set") && Config.isSensitive(argv[2]) {
            return true
        }
        // HELLO [protover [AUTH username password] [SETNAME clientname]]
        if argc > 4 && isWord(0, "hello") {
            var j = 2
            while j < argc {
                let more = argc - 1 - j
                if isWord(j, "auth") && more >= 2 { return true }
                if isWord(j, "setname") && more > 0 { j += 2; continue }
                return false
            }
            return false
        }
        // MIGRATE host port key|"" db timeout [COPY] [REPLACE] [AUTH pw] [AUTH2 user pw] [KEYS ...]
        if argc > 7 && isWord(0, "migrate") {
            for j in 6..<argc {
                let more = argc - 1 - j
                if isWord(j, "auth") && more > 0 { return true }
                if isWord(j, "auth2") && more >= 2 { return true }
                if isWord(j, "keys") && more > 0 { return false }
            }
        }
        return false
    }
}

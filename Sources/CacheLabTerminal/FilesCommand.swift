#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CacheLabEngine

/// `:files`, CacheLab's own window on the data folder (`CONFIG GET dir`), to see what
/// persistence writes there: the dump, and the AOF folder with its base, its incremental
/// logs and its manifest.
///
/// `:files` lists the files (one level of subfolders, which is where the AOF lives) with their
/// sizes and what they are; a log of commands also shows how many commands it holds.
/// `:files <name>` shows one of them: a log as its commands, one per line, in the quoting
/// redis-cli accepts (on disk they are RESP arrays); a text file (the manifest) as it is; an
/// RDB file only by its size, since it is binary. It only reads: nothing in the folder is
/// changed, and names outside the folder are refused.
public enum FilesCommand {
    /// Files larger than this are listed by size only; showing one prints at most
    /// `shownCommands` commands.
    static let parseLimit = 16 << 20
    static let shownCommands = 1000

    /// One file of the folder.
    struct Entry {
        var name: String
        var size: Int
    }

    /// The regular files of `directory` and of its subfolders, subfolders after files, each
    /// level by name (byte order, as `ls` in the C locale).
    static func listing(_ directory: String) -> [Entry] {
        var files: [Entry] = []
        var folders: [String] = []
        for name in names(in: directory) {
            var info = stat()
            guard stat(join(directory, name), &info) == 0 else { continue }
            switch info.st_mode & S_IFMT {
            case S_IFREG: files.append(Entry(name: name, size: Int(info.st_size)))
            case S_IFDIR: folders.append(name)
            default: break
            }
        }
        for folder in folders {
            for name in names(in: join(directory, folder)) {
                var info = stat()
                guard stat(join(join(directory, folder), name), &info) == 0, info.st_mode & S_IFMT == S_IFREG else { continue }
                files.append(Entry(name: folder + "/" + name, size: Int(info.st_size)))
            }
        }
        return files
    }

    /// The names in a folder, without `.` and `..`, sorted.
    static func names(in directory: String) -> [String] {
        guard let dir = opendir(directory) else { return [] }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(cString: raw.bindMemory(to: CChar.self).baseAddress!)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
    }

    static func join(_ a: String, _ b: String) -> String {
        a.hasSuffix("/") ? a + b : a + "/" + b
    }

    /// The whole file, or nil when it cannot be read.
    static func contents(of path: String) -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress!, $0.count) }
            if n < 0 { if errno == EINTR { continue }; return nil }
            if n == 0 { return bytes }
            bytes.append(contentsOf: chunk[0..<n])
        }
    }

    /// What a file is, for the listing.
    static func describe(_ entry: Entry, in directory: String) -> String {
        if entry.name.hasSuffix(".manifest") { return "AOF manifest: the files of the AOF, in loading order" }
        guard entry.size <= parseLimit, let bytes = contents(of: join(directory, entry.name)) else { return "" }
        let inAOFFolder = entry.name.contains("/")
        if AOFFileContents.isRDB(bytes) {
            return inAOFFolder ? "AOF base: an RDB snapshot" : "RDB snapshot"
        }
        guard inAOFFolder || entry.name.hasSuffix(".aof"), let log = AOFFileContents.commands(in: bytes) else { return "" }
        let count = log.commands.count
        var text = (entry.name.contains(".base.") ? "AOF base: " : entry.name.contains(".incr.") ? "AOF log: " : "")
            + "\(count) command\(count == 1 ? "" : "s")"
        if log.incompleteTailBytes > 0 { text += " and \(log.incompleteTailBytes) bytes of an incomplete one" }
        return text
    }

    /// The text of `:files`.
    static func list(_ directory: String) -> String {
        let entries = listing(directory)
        guard !entries.isEmpty else { return "(the data folder is empty)\n" }
        let sizes = entries.map { "\($0.size) bytes" }
        let nameWidth = entries.map(\.name.count).max()!
        let sizeWidth = sizes.map(\.count).max()!
        var text = ""
        for (entry, size) in zip(entries, sizes) {
            let about = describe(entry, in: directory)
            var line = entry.name + String(repeating: " ", count: nameWidth - entry.name.count + 2)
                + String(repeating: " ", count: sizeWidth - size.count) + size
            if !about.isEmpty { line += "  " + about }
            text += line + "\n"
        }
        return text
    }

    /// The text of `:files <name>`.
    static func show(_ name: String, in directory: String) -> ColonResult {
        let parts = name.split(separator: "/", omittingEmptySubsequences: false)
        guard !name.hasPrefix("/"), !parts.contains(where: { $0.isEmpty || $0 == "." || $0 == ".." }) else {
            return .failure(":files shows a file of the data folder, named as :files lists it\n")
        }
        let path = join(directory, name)
        var info = stat()
        guard stat(path, &info) == 0, info.st_mode & S_IFMT == S_IFREG else {
            return .failure("no file \(name) in the data folder (:files lists them)\n")
        }
        guard Int(info.st_size) <= parseLimit, let bytes = contents(of: path) else {
            return .output("\(name): \(info.st_size) bytes, too large to show here\n")
        }
        if AOFFileContents.isRDB(bytes) {
            return .output("\(name): an RDB snapshot, \(bytes.count) bytes of binary data (not shown)\n")
        }
        if bytes.isEmpty { return .output("(\(name) is empty)\n") }
        if bytes.first == UInt8(ascii: "*"), let log = AOFFileContents.commands(in: bytes) {
            var text = ""
            for argv in log.commands.prefix(shownCommands) {
                text += argv.map(quoted).joined(separator: " ") + "\n"
            }
            if log.commands.count > shownCommands { text += "... and \(log.commands.count - shownCommands) more commands\n" }
            if log.incompleteTailBytes > 0 {
                text += "(then \(log.incompleteTailBytes) bytes of a command cut short: a load drops them or stops, see aof-load-truncated)\n"
            }
            return .output(text)
        }
        if !bytes.contains(0), let text = String(validating: bytes, as: UTF8.self) {
            return .output(text.hasSuffix("\n") ? text : text + "\n")
        }
        return .output("\(name): \(bytes.count) bytes of binary data (not shown)\n")
    }

    /// An argument as it would be typed: bare when it is plain printable ASCII, else in
    /// double quotes with redis-cli's escapes.
    static func quoted(_ word: Bytes) -> String {
        let plain = !word.isEmpty && word.withUnsafeBytes { raw in
            raw.allSatisfy { $0 > 0x20 && $0 < 0x7F && $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "'") && $0 != UInt8(ascii: "\\") }
        }
        if plain { return word.string }
        var out = OutputBuffer()
        ReplyFormatter.writeQuoted(word, into: &out)
        return String(decoding: out.bytes, as: UTF8.self)
    }
}

extension ColonCommand {
    /// `:files [name]`: the data folder's files, or one of them.
    public static let files = ColonCommand(
        name: "files", usage: ":files [name]",
        summary: "list the data folder's files (dump, AOF), or show one"
    ) { arguments, repl in
        let directory = repl.engine.config.directory
        switch arguments.count {
        case 0: return .output(FilesCommand.list(directory))
        case 1: return FilesCommand.show(arguments[0], in: directory)
        default: return .failure("usage: :files [name]\n")
        }
    }
}

import Foundation

/// Loading an AOF folder: the base (an RDB file when it starts with "REDIS", else commands),
/// then each incremental file in manifest order, every command run as a client would run it.
///
/// Files are read as RESP arrays (`*<n>` then `$<len>` arguments); lines starting with `#`
/// (timestamp annotations) are skipped. Only the last file may end early: with
/// `aof-load-truncated yes` an incomplete last command (or a MULTI never closed by EXEC) is
/// cut off, the file is truncated to its last complete command and loading goes on, as Redis
/// does; otherwise loading stops with the file name and offset. Anything that is not RESP is
/// a format error, and an unknown command is refused, naming the file and offset.
extension PersistenceManager {
    public struct AOFLoadError: Error, CustomStringConvertible {
        public let description: String
    }

    /// Loads the AOF named by the manifest in `appenddirname`; nil when there is no manifest.
    func loadAppendOnlyFiles() throws -> LoadSummary? {
        try upgradeSingleFileAOF()
        return try loadAppendOnlyFiles(from: DiskAOFFolder(path: aofDirectory))
    }

    /// Redis before 7.0 kept the AOF in one file, `appendfilename` in `dir`. Redis 7.0 takes
    /// such a file over as the base of a multi-part AOF, and so does CacheLab, in the same
    /// steps: create the AOF folder, write a manifest naming the file as base 1, then move
    /// the file into the folder (a crash in between leaves the old file, and the next start
    /// tries again). It does so when the old file exists and the folder has no manifest, or
    /// a manifest naming only that base, which is not in the folder yet.
    func upgradeSingleFileAOF() throws {
        let directory = engine.config.directory
        let oldPath = (directory.hasSuffix("/") ? directory : directory + "/") + aofBaseName
        let movedPath = aofDirectory + "/" + aofBaseName
        guard FileManager.default.fileExists(atPath: oldPath) else { return }
        var manifest: AOFManifest?
        if let text = try? String(contentsOfFile: aofManifestPath, encoding: .utf8) {
            // A manifest that does not parse is left to the loader, which reports it.
            guard let parsed = try? AOFManifest.parse(text) else { return }
            let isEmpty = parsed.base == nil && parsed.incremental.isEmpty
            let namesOnlyTheOldFile = parsed.base?.file == aofBaseName && parsed.incremental.isEmpty
                && !FileManager.default.fileExists(atPath: movedPath)
            guard isEmpty || namesOnlyTheOldFile else { return }
            manifest = parsed
        }
        if mkdir(aofDirectory, 0o755) != 0 && errno != EEXIST {
            throw AppendOnlyFile.Failure(description: "Can't create the AOF directory \(aofDirectory): \(String(cString: strerror(errno)))")
        }
        var upgraded = manifest ?? AOFManifest()
        upgraded.base = AOFManifest.Item(file: aofBaseName, seq: 1, kind: .base)
        try AppendOnlyFile.writeFileAtomically(Array(upgraded.text.utf8), to: aofManifestPath, rename: true)
        guard rename(oldPath, movedPath) == 0 else {
            throw AppendOnlyFile.Failure(description: "Error trying to rename the old AOF file \(oldPath) into dir \(aofDirectory): \(String(cString: strerror(errno)))")
        }
    }

    /// Loads the AOF of `folder` (the disk, or memory in tests); nil when it has no
    /// manifest. On any error the keyspace is put back as it was: nothing is half-loaded.
    public func loadAppendOnlyFiles(from folder: some AOFFolder) throws -> LoadSummary? {
        let started = DispatchTime.now().uptimeNanoseconds
        let manifestName = aofBaseName + ".manifest"
        let manifestPath = folder.path + "/" + manifestName
        guard let manifestBytes = try folder.read(manifestName) else { return nil }
        let manifest: AOFManifest
        do {
            manifest = try AOFManifest.parse(String(decoding: manifestBytes, as: UTF8.self))
        } catch {
            throw AOFLoadError(description: "Bad AOF manifest \(manifestPath) at line \(error.line): \(error.reason)")
        }
        let files = (manifest.base.map { [$0] } ?? []) + manifest.incremental
        let before = engine.databases.map { RDBReader.LoadedDatabase(table: $0.table, expires: $0.expires) }
        var warnings: [String] = []
        var keysFromBase = 0
        do {
            try engine.install(RDBReader.Result(databases: Array(repeating: RDBReader.LoadedDatabase(), count: engine.databases.count)), merge: false)
            for (index, item) in files.enumerated() {
                let path = folder.path + "/" + item.file
                guard let bytes = try folder.read(item.file) else {
                    throw AOFLoadError(description: "The AOF file \(path) named in the manifest \(manifestPath) does not exist")
                }
                if bytes.starts(with: RDBEncoding.magic) {
                    guard item.kind == .base else {
                        throw AOFLoadError(description: "The incremental AOF file \(path) is an RDB file: only the base may be one")
                    }
                    var options = rdbLoadOptions()
                    options.keepExpired = true
                    let result = try RDBReader.load(bytes, file: path, options: options)
                    try engine.install(result, merge: false)
                    keysFromBase = result.keysLoaded
                    warnings += result.warnings
                    // An AOF from before Redis 7 (upgraded below) may go on with commands
                    // after its RDB preamble.
                    if result.bytesRead > 0 && result.bytesRead < bytes.count {
                        try replay(Array(bytes[result.bytesRead...]), file: item.file, in: folder,
                                   isLast: index == files.count - 1, warnings: &warnings)
                    }
                } else {
                    try replay(bytes, file: item.file, in: folder, isLast: index == files.count - 1, warnings: &warnings)
                }
            }
        } catch {
            try? engine.install(RDBReader.Result(databases: before), merge: false)
            throw error
        }
        let keys = engine.databases.reduce(0) { $0 + $1.count }
        lastLoadKeysLoaded = keysFromBase
        let elapsed = Double(DispatchTime.now().uptimeNanoseconds - started) / 1_000_000
        return LoadSummary(path: manifestPath, keysLoaded: keys, expiredKeysSkipped: 0, milliseconds: elapsed, warnings: warnings)
    }

    /// Runs the commands of one RESP file.
    private func replay(_ bytes: [UInt8], file: String, in folder: some AOFFolder, isLast: Bool, warnings: inout [String]) throws {
        let path = folder.path + "/" + file
        let session = engine.makeSession()
        // Redis replays with a fake client that never logs in: requirepass refuses nothing here.
        session.isAuthenticated = true
        isLoadingAppendOnlyFile = true
        defer { isLoadingAppendOnlyFile = false }
        var parser = AOFCommandParser(bytes: bytes)
        var multiStart: Int?
        while true {
            let start = parser.offset
            let argv: [Bytes]?
            do {
                argv = try parser.next()
            } catch AOFCommandParser.Failure.truncated {
                if multiStart != nil { _ = engine.execute(["DISCARD"], session: session) }
                try truncatedTail(file, in: folder, at: multiStart ?? start, isLast: isLast, warnings: &warnings)
                return
            } catch AOFCommandParser.Failure.badFormat(let offset) {
                throw AOFLoadError(description: "Bad file format reading the append only file \(path) at offset \(offset)")
            }
            guard let argv else { break }
            guard engine.registry.command(named: argv[0]) != nil else {
                throw AOFLoadError(description: "Unknown command '\(Self.printable(argv[0]))' reading the append only file \(path) at offset \(start)")
            }
            if argv[0].equalsIgnoringCase("MULTI") { multiStart = start }
            if argv[0].equalsIgnoringCase("EXEC") { multiStart = nil }
            _ = engine.execute(argv, session: session)
        }
        if let multiStart {
            _ = engine.execute(["DISCARD"], session: session)
            try truncatedTail(file, in: folder, at: multiStart, isLast: isLast, warnings: &warnings)
        }
    }

    private func truncatedTail(_ file: String, in folder: some AOFFolder, at offset: Int, isLast: Bool, warnings: inout [String]) throws {
        let path = folder.path + "/" + file
        guard isLast else {
            throw AOFLoadError(description: "Unexpected end of file reading the append only file \(path) at offset \(offset):"
                               + " only the last file of the AOF may end early")
        }
        guard engine.config.value(of: "aof-load-truncated") != "no" else {
            throw AOFLoadError(description: "Unexpected end of file reading the append only file \(path) at offset \(offset)."
                               + " Fix it with 'redis-check-aof --fix' or set aof-load-truncated yes")
        }
        do {
            try folder.truncate(file, to: offset)
        } catch {
            throw AOFLoadError(description: "Could not truncate the AOF file \(path) to offset \(offset): \(error)")
        }
        warnings.append("The AOF file \(path) ended with an incomplete command: truncated at offset \(offset) and loaded anyway because aof-load-truncated is enabled")
    }

    /// A command name as an error shows it: printable ASCII, other bytes as \xHH.
    static func printable(_ name: Bytes) -> String {
        var out = ""
        for byte in name.array.prefix(64) {
            if byte >= 32 && byte < 127 { out.unicodeScalars.append(Unicode.Scalar(byte)) } else { out += String(format: "\\x%02x", byte) }
        }
        return out
    }
}

/// Reads RESP commands out of an AOF file.
struct AOFCommandParser {
    enum Failure: Error {
        case truncated
        case badFormat(offset: Int)
    }

    let bytes: [UInt8]
    private(set) var offset = 0

    init(bytes: [UInt8]) { self.bytes = bytes }

    /// The next command; nil at a clean end of file.
    mutating func next() throws(Failure) -> [Bytes]? {
        while offset < bytes.count && bytes[offset] == UInt8(ascii: "#") {
            guard let end = lineEnd(from: offset) else { throw .truncated }
            offset = end + 2
        }
        guard offset < bytes.count else { return nil }
        var i = offset
        guard bytes[i] == UInt8(ascii: "*") else { throw .badFormat(offset: i) }
        let count = try number(at: &i)
        guard count >= 1 else { throw .badFormat(offset: offset) }
        var argv: [Bytes] = []
        argv.reserveCapacity(min(count, 1024))
        for _ in 0..<count {
            guard i < bytes.count else { throw .truncated }
            guard bytes[i] == UInt8(ascii: "$") else { throw .badFormat(offset: i) }
            let length = try number(at: &i)
            guard length >= 0 else { throw .badFormat(offset: i) }
            guard i + length + 2 <= bytes.count else { throw .truncated }
            argv.append(Bytes(Array(bytes[i..<(i + length)])))
            guard bytes[i + length] == 13, bytes[i + length + 1] == 10 else { throw .badFormat(offset: i + length) }
            i += length + 2
        }
        offset = i
        return argv
    }

    private func lineEnd(from start: Int) -> Int? {
        var i = start
        while i + 1 < bytes.count {
            if bytes[i] == 13 && bytes[i + 1] == 10 { return i }
            i += 1
        }
        return nil
    }

    /// The number after a `*` or `$` at `i`, moving `i` past its CRLF.
    private func number(at i: inout Int) throws(Failure) -> Int {
        guard let end = lineEnd(from: i) else { throw .truncated }
        var value = 0
        guard end > i + 1, end - i <= 12 else { throw .badFormat(offset: i) }
        for k in (i + 1)..<end {
            let d = bytes[k]
            guard d >= 48 && d <= 57 else { throw .badFormat(offset: k) }
            value = value * 10 + Int(d - 48)
        }
        i = end + 2
        return value
    }
}

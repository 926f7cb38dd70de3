import Foundation

/// The append-only file of Redis 7: a folder (`appenddirname`) holding a manifest, one base
/// file (a snapshot: an RDB file with `aof-use-rdb-preamble yes`, else commands) and
/// incremental files where every write command is appended, as RESP, after it ran.
///
/// Replaying base then incremental files rebuilds the keyspace. Commands are written in a
/// deterministic form (`AOFPropagation`), so replaying them later gives the same result:
/// relative TTLs become absolute times, random picks become the elements picked. A SELECT
/// precedes a command whenever its database differs from the previous one (and at the start
/// of every incremental file); a transaction's commands are framed by MULTI and EXEC.
///
/// `appendfsync` decides when the bytes reach the disk: `always` calls fsync after every
/// command, before its reply is given, so an acknowledged write survives a crash; `everysec`
/// once a second from the cron; `no` leaves it to the kernel. Each command is handed to the
/// kernel with write(2) at once, so a killed process loses nothing the kernel has.
///
/// A rewrite (BGREWRITEAOF, or turning appendonly on) writes a new base from a snapshot of
/// the keyspace and starts a new incremental file; the manifest is replaced atomically
/// (temp file + rename), then the old files are deleted. CacheLab does this synchronously.
public final class AppendOnlyFile {
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    let directory: String
    let baseName: String
    private(set) var manifest: AOFManifest
    private var fd: Int32 = -1
    private var buffer: [UInt8] = []
    /// Database of the last command written (-1: a SELECT is due).
    private var selectedDB = -1
    var lastFsync: Int64 = 0
    private var unsynced = false
    /// Commands of a running EXEC, written together.
    private var transaction: [(db: Int, argv: [Bytes])]?
    public private(set) var rewriteCount = 0
    public private(set) var lastRewriteSucceeded = true

    /// The full path of a file of the AOF folder.
    func path(_ file: String) -> String { directory + "/" + file }

    init(directory: String, baseName: String, manifest: AOFManifest) {
        self.directory = directory
        self.baseName = baseName
        self.manifest = manifest
    }

    deinit { if fd >= 0 { Glibc.close(fd) } }

    /// Opens the last incremental file for appending (creating an empty one if the
    /// manifest has none).
    func openForAppend() throws(Failure) {
        if manifest.incremental.isEmpty {
            let seq = (manifest.base?.seq ?? 0) == 0 ? 1 : manifest.base!.seq
            manifest.incremental.append(.init(file: "\(baseName).\(seq).incr.aof", seq: seq, kind: .incremental))
            try writeManifest()
        }
        try openIncremental(manifest.incremental.last!.file)
    }

    private func openIncremental(_ file: String) throws(Failure) {
        if fd >= 0 { Glibc.close(fd) }
        fd = open(path(file), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw Failure(description: "Can't open the append-only file \(path(file)): \(String(cString: strerror(errno)))") }
        selectedDB = -1
    }

    // MARK: Appending

    /// Appends one command run on database `db`; inside an EXEC it waits for the end.
    func append(_ argv: [Bytes], db: Int, fsyncAlways: Bool) {
        if transaction != nil {
            transaction!.append((db, argv))
            return
        }
        encode(argv, db: db)
        flush(fsyncAlways: fsyncAlways)
    }

    private func encode(_ argv: [Bytes], db: Int) {
        if db != selectedDB {
            AOFCommandForm.resp(["SELECT", Bytes(integer: Int64(db))], into: &buffer)
            selectedDB = db
        }
        AOFCommandForm.resp(argv, into: &buffer)
    }

    func beginTransaction() { transaction = [] }

    /// Before a command runs (from `Engine.call`): an EXEC collects its commands to frame
    /// them with MULTI/EXEC.
    func commandStarting(_ name: String) {
        if name == "exec" { beginTransaction() }
    }

    /// Writes the commands of an EXEC: MULTI ... EXEC when there are several.
    func endTransaction(fsyncAlways: Bool) {
        guard let commands = transaction else { return }
        transaction = nil
        guard !commands.isEmpty else { return }
        if commands.count == 1 {
            encode(commands[0].argv, db: commands[0].db)
        } else {
            if selectedDB != commands[0].db { AOFCommandForm.resp(["SELECT", Bytes(integer: Int64(commands[0].db))], into: &buffer); selectedDB = commands[0].db }
            AOFCommandForm.resp(["MULTI"], into: &buffer)
            for c in commands { encode(c.argv, db: c.db) }
            AOFCommandForm.resp(["EXEC"], into: &buffer)
        }
        flush(fsyncAlways: fsyncAlways)
    }

    private func flush(fsyncAlways: Bool) {
        guard !buffer.isEmpty, fd >= 0 else { return }
        buffer.withUnsafeBytes { raw in
            var done = 0
            while done < raw.count {
                let n = write(fd, raw.baseAddress! + done, raw.count - done)
                if n < 0 { if errno == EINTR { continue }; break }
                done += n
            }
        }
        buffer.removeAll(keepingCapacity: true)
        if fsyncAlways { fsync(fd) } else { unsynced = true }
    }

    /// `appendfsync everysec`: called from the cron.
    func fsyncIfDue(now: Int64) {
        guard unsynced, now - lastFsync >= 1000, fd >= 0 else { return }
        fsync(fd)
        unsynced = false
        lastFsync = now
    }

    func close() {
        if fd >= 0 {
            fsync(fd)
            Glibc.close(fd)
            fd = -1
        }
    }

    // MARK: Rewriting

    /// Writes a new base from `snapshot`, starts a new incremental file, swaps the manifest
    /// and deletes the files it no longer names.
    func rewrite(snapshot: KeyspaceSnapshot, rdbPreamble: Bool, options: RDBWriter.Options) throws(Failure) {
        let baseSeq = (manifest.base?.seq ?? 0) + 1
        let incrSeq = (manifest.incremental.last?.seq ?? 0) + 1
        let baseFile = "\(baseName).\(baseSeq).base.\(rdbPreamble ? "rdb" : "aof")"
        let incrFile = "\(baseName).\(incrSeq).incr.aof"
        let temp = path("temp-rewriteaof-\(getpid()).aof")
        do {
            if rdbPreamble {
                var o = options
                o.aofBase = true
                try RDBFile.save(snapshot, to: temp, options: o)
            } else {
                var bytes: [UInt8] = []
                for db in snapshot.databases where db.table.count > 0 {
                    AOFCommandForm.resp(["SELECT", Bytes(integer: Int64(db.id))], into: &bytes)
                    let keys = db.table.keys, values = db.table.values
                    for i in 0..<keys.count {
                        for c in AOFCommandForm.commands(key: keys[i], value: values[i].value, expireAt: db.expires[keys[i]]) {
                            AOFCommandForm.resp(c, into: &bytes)
                        }
                    }
                }
                try Self.writeFileAtomically(bytes, to: temp, rename: false)
            }
        } catch {
            lastRewriteSucceeded = false
            throw Failure(description: "AOF rewrite failed: \(error)")
        }
        guard rename(temp, path(baseFile)) == 0 else {
            lastRewriteSucceeded = false
            throw Failure(description: "AOF rewrite failed: cannot rename \(temp): \(String(cString: strerror(errno)))")
        }
        let old = (manifest.base.map { [$0] } ?? []) + manifest.history + manifest.incremental
        var next = AOFManifest()
        next.base = .init(file: baseFile, seq: baseSeq, kind: .base)
        next.incremental = [.init(file: incrFile, seq: incrSeq, kind: .incremental)]
        let emptyIncr = Foundation.open(path(incrFile), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        if emptyIncr >= 0 { fsync(emptyIncr); Glibc.close(emptyIncr) }
        manifest = next
        try writeManifest()
        for item in old where item.file != baseFile && item.file != incrFile { unlink(path(item.file)) }
        try openIncremental(incrFile)
        rewriteCount += 1
        lastRewriteSucceeded = true
    }

    func writeManifest() throws(Failure) {
        do {
            try Self.writeFileAtomically(Array(manifest.text.utf8), to: path(baseName + ".manifest"), rename: true)
        } catch {
            throw Failure(description: "Can't write the AOF manifest: \(error)")
        }
    }

    /// Writes `bytes` to `target` with fsync; through a temp file and rename when `rename`.
    static func writeFileAtomically(_ bytes: [UInt8], to target: String, rename useRename: Bool) throws(Failure) {
        let temp = useRename ? target + ".tmp-\(getpid())" : target
        let fd = Foundation.open(temp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw Failure(description: "Can't open \(temp): \(String(cString: strerror(errno)))") }
        var ok = true
        bytes.withUnsafeBytes { raw in
            var done = 0
            while done < raw.count {
                let n = write(fd, raw.baseAddress! + done, raw.count - done)
                if n < 0 { if errno == EINTR { continue }; ok = false; break }
                done += n
            }
        }
        fsync(fd)
        Glibc.close(fd)
        guard ok else { throw Failure(description: "Can't write \(temp): \(String(cString: strerror(errno)))") }
        if useRename {
            guard rename(temp, target) == 0 else { throw Failure(description: "Can't rename \(temp): \(String(cString: strerror(errno)))") }
        }
    }
}

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
    /// Engine-clock ms of the last fsync.
    var lastFsync: Int64 = 0
    /// Bytes written to the open incremental file, and how many of them were synced by the
    /// engine's own fsyncs (the background safety net is not counted).
    private(set) var writtenBytes = 0
    private(set) var syncedBytes = 0
    /// `fd`, shared with the background sync.
    private let shared = SharedDescriptor()
    /// `aof_current_size`: the base and every incremental file; `aof_base_size`: the same
    /// after the last rewrite (or at start).
    private(set) var currentSize = 0
    private(set) var baseSize = 0
    /// `aof_last_write_status`.
    public private(set) var lastWriteSucceeded = true

    /// Commands of a running EXEC, written together.
    private var transaction: [(db: Int, argv: [Bytes])]?

    /// The full path of a file of the AOF folder.
    func path(_ file: String) -> String { directory + "/" + file }

    init(directory: String, baseName: String, manifest: AOFManifest) {
        self.directory = directory
        self.baseName = baseName
        self.manifest = manifest
    }

    deinit { close() }

    /// Opens the last incremental file for appending (creating an empty one if the
    /// manifest has none).
    func openForAppend() throws(Failure) {
        if manifest.incremental.isEmpty {
            let seq = (manifest.base?.seq ?? 0) == 0 ? 1 : manifest.base!.seq
            manifest.incremental.append(.init(file: "\(baseName).\(seq).incr.aof", seq: seq, kind: .incremental))
            try writeManifest()
        }
        try openIncremental(manifest.incremental.last!.file)
        baseSize = manifest.base.map { Self.fileSize(path($0.file)) } ?? 0
    }

    private func openIncremental(_ file: String) throws(Failure) {
        close()
        let descriptor = open(path(file), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw Failure(description: "Can't open the append-only file \(path(file)): \(String(cString: strerror(errno)))") }
        fd = descriptor
        shared.set(descriptor)
        writtenBytes = Self.fileSize(path(file))
        syncedBytes = writtenBytes
        selectedDB = -1
        measureSizes()
    }

    /// Re-reads `aof_current_size` from the files the manifest names.
    private func measureSizes() {
        let base = manifest.base.map { Self.fileSize(path($0.file)) } ?? 0
        currentSize = base + manifest.incremental.reduce(0) { $0 + Self.fileSize(path($1.file)) }
    }

    static func fileSize(_ path: String) -> Int {
        var info = stat()
        return stat(path, &info) == 0 ? Int(info.st_size) : 0
    }

    // MARK: Appending

    /// Appends one command run on database `db`; inside an EXEC it waits for the end.
    private func encode(_ argv: [Bytes], db: Int) {
        if db != selectedDB {
            AOFCommandForm.resp(["SELECT", Bytes(integer: Int64(db))], into: &buffer)
            selectedDB = db
        }
        AOFCommandForm.resp(argv, into: &buffer)
    }

    /// `aof-timestamp-enabled`: mark the file with the time as it goes (see `annotateTime`).
    var annotatesTime = false
    /// The second of the last `#TS:` annotation written; 0 before the first.
    private var annotatedSecond: Int64 = 0

    /// With `aof-timestamp-enabled yes`, Redis writes `#TS:<unix seconds>` on a line of its
    /// own before the first command of every new second, so that `redis-check-aof
    /// --truncate-to-timestamp` can cut an AOF back to a moment in time (a point-in-time
    /// restore). A loader skips these lines. The second is the command's, `now` in ms.
    private func annotateTime(_ now: Int64) {
        let second = now / 1000
        guard annotatesTime, second > annotatedSecond else { return }
        buffer.append(contentsOf: Array("#TS:\(second)\r\n".utf8))
        annotatedSecond = second
    }

    func beginTransaction() { transaction = [] }

    /// Before a command runs (from `Engine.call`): an EXEC collects its commands to frame
    /// them with MULTI/EXEC.
    func commandStarting(_ name: String) {
        if name == "exec" { beginTransaction() }
    }

    /// Writes the commands of an EXEC: MULTI ... EXEC when there are several.
    func endTransaction(policy: SyncPolicy, now: Int64) {
        guard let commands = transaction else { return }
        transaction = nil
        if !commands.isEmpty { annotateTime(now) }
        encodeFramed(commands)
        flush(policy: policy, now: now)
    }

    /// Appends what one command propagated: as is when it is one command, framed by
    /// MULTI ... EXEC when several (inside an EXEC, they join the transaction).
    func append(_ commands: [(db: Int, argv: [Bytes])], policy: SyncPolicy, now: Int64) {
        guard !commands.isEmpty else { return }
        if transaction != nil {
            transaction! += commands
            return
        }
        annotateTime(now)
        encodeFramed(commands)
        flush(policy: policy, now: now)
    }

    /// Encodes `commands`, framed by MULTI ... EXEC when there are several; a SELECT for the
    /// first one's database goes before MULTI.
    private func encodeFramed(_ commands: [(db: Int, argv: [Bytes])]) {
        guard let first = commands.first else { return }
        if commands.count == 1 {
            encode(first.argv, db: first.db)
            return
        }
        if selectedDB != first.db {
            AOFCommandForm.resp(["SELECT", Bytes(integer: Int64(first.db))], into: &buffer)
            selectedDB = first.db
        }
        AOFCommandForm.resp(["MULTI"], into: &buffer)
        for c in commands { encode(c.argv, db: c.db) }
        AOFCommandForm.resp(["EXEC"], into: &buffer)
    }

    /// When written bytes reach the disk (`appendfsync`).
    enum SyncPolicy {
        case always, everySecond, never
    }

    /// Hands the buffer to the kernel with write(2), then syncs as `policy` says: `always`
    /// at once; `everySecond` when the last sync is a second old (`now` is the engine's
    /// clock), else a background sync is armed for when it will be (Redis's background
    /// fsync job), so that data never waits more than about a second, even when no more
    /// commands come.
    private func flush(policy: SyncPolicy, now: Int64) {
        guard !buffer.isEmpty, fd >= 0 else { return }
        var failed = false
        buffer.withUnsafeBytes { raw in
            var done = 0
            while done < raw.count {
                let n = write(fd, raw.baseAddress! + done, raw.count - done)
                if n < 0 {
                    if errno == EINTR { continue }
                    failed = true
                    break
                }
                done += n
            }
            writtenBytes += done
            currentSize += done
        }
        lastWriteSucceeded = !failed
        buffer.removeAll(keepingCapacity: true)
        switch policy {
        case .always: sync(now: now)
        case .everySecond: syncIfDue(now: now)
        case .never: break
        }
    }

    /// fsync(2): everything written so far is on the disk.
    private func sync(now: Int64) {
        guard fd >= 0 else { return }
        shared.sync()
        syncedBytes = writtenBytes
        lastFsync = now
    }

    /// `appendfsync everysec`: syncs when there is something to sync and the last sync is at
    /// least a second old; called after each write and from the cron.
    func syncIfDue(now: Int64) {
        guard syncedBytes != writtenBytes, fd >= 0 else { return }
        if now - lastFsync >= 1000 {
            sync(now: now)
        } else {
            // The engine may sit idle (the REPL waiting for input) with written but unsynced
            // data: a background sync a second from now covers it.
            shared.armBackgroundSync(after: 1.0)
        }
    }

    func close() {
        shared.close()
        fd = -1
        syncedBytes = writtenBytes
    }

    // MARK: Rewriting

    /// Writes a new base from `snapshot`, starts a new incremental file (unless not
    /// `incremental`: a rewrite with the AOF off), swaps the manifest and deletes the files
    /// it no longer names.
    func rewrite(snapshot: KeyspaceSnapshot, rdbPreamble: Bool, options: RDBWriter.Options, incremental: Bool = true) throws(Failure) {
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
                // A base in commands starts with the time it was taken (Redis forces one
                // annotation there; the appends that follow keep their own count).
                if annotatesTime { bytes += Array("#TS:\(snapshot.takenAt / 1000)\r\n".utf8) }
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
            unlink(temp)
            throw Failure(description: "AOF rewrite failed: \(error)")
        }
        guard rename(temp, path(baseFile)) == 0 else {
            unlink(temp)
            throw Failure(description: "AOF rewrite failed: cannot rename \(temp): \(String(cString: strerror(errno)))")
        }
        let old = (manifest.base.map { [$0] } ?? []) + manifest.history + manifest.incremental
        var next = AOFManifest()
        next.base = .init(file: baseFile, seq: baseSeq, kind: .base)
        if incremental {
            next.incremental = [.init(file: incrFile, seq: incrSeq, kind: .incremental)]
            let emptyIncr = Foundation.open(path(incrFile), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
            if emptyIncr >= 0 { fsync(emptyIncr); Glibc.close(emptyIncr) }
        }
        manifest = next
        try writeManifest()
        for item in old where item.file != baseFile && (item.file != incrFile || !incremental) { unlink(path(item.file)) }
        guard incremental else { return }
        try openIncremental(incrFile)
        baseSize = currentSize
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

/// The open incremental file's descriptor as the background sync sees it: every fsync and
/// the close happen under one lock, so a late background sync never touches a descriptor
/// that was closed (and maybe reused) meanwhile.
final class SharedDescriptor: @unchecked Sendable {
    private let lock = NSLock()
    private var fd: Int32 = -1
    private var armed = false

    func set(_ descriptor: Int32) {
        lock.lock()
        fd = descriptor
        lock.unlock()
    }

    func sync() {
        lock.lock()
        if fd >= 0 { fsync(fd) }
        lock.unlock()
    }

    func close() {
        lock.lock()
        if fd >= 0 {
            fsync(fd)
            Glibc.close(fd)
            fd = -1
        }
        lock.unlock()
    }

    /// One sync `seconds` from now on a background queue, unless one is already armed.
    func armBackgroundSync(after seconds: Double) {
        lock.lock()
        defer { lock.unlock() }
        guard !armed, fd >= 0 else { return }
        armed = true
        let descriptor = fd
        DispatchQueue.global(qos: .utility).asyncAfter(deadline: .now() + seconds) { [self] in
            lock.lock()
            if fd == descriptor { fsync(descriptor) }
            armed = false
            lock.unlock()
        }
    }
}

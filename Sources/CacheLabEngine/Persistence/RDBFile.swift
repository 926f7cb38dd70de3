import Foundation

/// Putting an RDB file on disk so that a crash can never damage the previous one, and
/// reading one back.
///
/// A save never writes over the dump in place. It writes a new file beside it (`temp-...`),
/// `fsync`s it so the bytes are on the disk and not only in the kernel's cache, and only then
/// `rename`s it over the old name. On POSIX file systems rename is atomic: at every instant
/// the name points either at the complete old file or at the complete new one. A crash
/// half-way leaves a stray temp file and an intact dump.
public enum RDBFile {
    public struct IOError: Error, CustomStringConvertible, Equatable {
        public let path: String
        public let reason: String
        public var description: String { "\(reason) '\(path)'" }
    }

    /// Writes `snapshot` to `path` through a temp file in the same directory.
    public static func save(_ snapshot: KeyspaceSnapshot, to path: String, options: RDBWriter.Options) throws(IOError) {
        let directory = (path as NSString).deletingLastPathComponent
        let temp = (directory.isEmpty ? "." : directory) + "/temp-\(getpid())-\(nextTempNumber()).rdb"
        let fd = open(temp, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { throw IOError(path: temp, reason: "Failed opening the temp RDB file (\(errnoText()))") }
        var ok = false
        defer {
            if !ok { unlink(temp) }
        }
        do {
            try RDBWriter.write(snapshot, options: options) { chunk in
                try writeAll(fd, chunk, path: temp)
            }
        } catch let error as IOError {
            close(fd)
            throw error
        } catch {
            close(fd)
            throw IOError(path: temp, reason: "Write error saving DB on disk")
        }
        guard fsync(fd) == 0 else {
            close(fd)
            throw IOError(path: temp, reason: "Failed to fsync the temp RDB file (\(errnoText()))")
        }
        close(fd)
        guard rename(temp, path) == 0 else {
            throw IOError(path: path, reason: "Failed to rename the temp RDB file (\(errnoText()))")
        }
        ok = true
        // Make the rename itself durable.
        let dirFD = open(directory.isEmpty ? "." : directory, O_RDONLY)
        if dirFD >= 0 {
            fsync(dirFD)
            close(dirFD)
        }
    }

    /// The whole file, or nil when it does not exist.
    public static func read(_ path: String) throws(IOError) -> [UInt8]? {
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw IOError(path: path, reason: "Cannot read the RDB file")
        }
        return [UInt8](data)
    }

    private static func writeAll(_ fd: Int32, _ chunk: UnsafeRawBufferPointer, path: String) throws(IOError) {
        var done = 0
        while done < chunk.count {
            let n = Foundation.write(fd, chunk.baseAddress! + done, chunk.count - done)
            if n < 0 {
                if errno == EINTR { continue }
                throw IOError(path: path, reason: "Write error saving DB on disk (\(errnoText()))")
            }
            done += n
        }
    }

    private static func errnoText() -> String {
        String(cString: strerror(errno))
    }

    nonisolated(unsafe) private static var tempCounter = 0
    private static let counterLock = NSLock()

    private static func nextTempNumber() -> Int {
        counterLock.lock()
        defer { counterLock.unlock() }
        tempCounter += 1
        return tempCounter
    }
}

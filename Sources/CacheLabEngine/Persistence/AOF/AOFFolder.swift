import Foundation

/// Where the files of an AOF folder are read from: the disk, or memory (the corrupt-file
/// tests build thousands of folders without touching the disk). Loading only reads files
/// and, when the last one ends with an incomplete command, truncates it.
public protocol AOFFolder {
    /// The folder's path, to name files in messages.
    var path: String { get }
    /// The bytes of `file`, nil when it does not exist.
    func read(_ file: String) throws -> [UInt8]?
    /// Cuts `file` to its first `length` bytes.
    func truncate(_ file: String, to length: Int) throws
}

/// An AOF folder on disk.
public struct DiskAOFFolder: AOFFolder {
    public let path: String

    public init(path: String) { self.path = path }

    public func read(_ file: String) throws -> [UInt8]? {
        try RDBFile.read(path + "/" + file)
    }

    public func truncate(_ file: String, to length: Int) throws {
        guard Glibc.truncate(path + "/" + file, off_t(length)) == 0 else {
            throw AppendOnlyFile.Failure(description: String(cString: strerror(errno)))
        }
    }
}

/// An AOF folder held in memory.
public final class MemoryAOFFolder: AOFFolder {
    public let path: String
    public var files: [String: [UInt8]]

    public init(path: String = "memory", files: [String: [UInt8]] = [:]) {
        self.path = path
        self.files = files
    }

    public func read(_ file: String) throws -> [UInt8]? { files[file] }

    public func truncate(_ file: String, to length: Int) throws {
        guard let bytes = files[file] else { return }
        files[file] = Array(bytes.prefix(length))
    }
}

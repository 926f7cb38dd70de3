import Foundation
@testable import CacheLabEngine

/// Directories of their own for tests that write files, and for engines whose test runs
/// FLUSHALL.
///
/// Engines start with Redis's default save points, and with save points set, FLUSHALL writes
/// an empty dump, as Redis does. An engine made with a plain `Config()` would write that dump
/// into the directory the tests run in (the package root). Each call makes a fresh directory
/// under one folder per test process, which is removed when the process exits, so that
/// engines running side by side never share a file.
enum ScratchDirectory {
    /// The folder that holds this process's scratch directories.
    private static let parent: String = {
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("cachelab-tests-\(ProcessInfo.processInfo.processIdentifier)").path
        atexit { try? FileManager.default.removeItem(atPath: ScratchDirectory.parent) }
        return path
    }()

    /// A new, empty directory.
    static func make() -> String {
        let path = parent + "/" + UUID().uuidString
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// A default configuration whose `dir` is a new scratch directory.
    static func config() -> Config {
        let config = Config()
        try? config.setAtStartup("dir", make())
        return config
    }
}

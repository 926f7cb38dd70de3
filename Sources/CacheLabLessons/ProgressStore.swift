import Foundation

/// Where each student stopped in each lesson: one small text file, `progress`, with a line
/// `<lesson number> <position>` per lesson started and not finished.
///
/// It lives in `$CACHELAB_STATE_DIR` if set (tests use this), else
/// `$XDG_STATE_HOME/cachelab`, else `~/.local/state/cachelab`.
public struct ProgressStore: Sendable {
    public let directory: String
    public var path: String { directory + "/progress" }

    public init(directory: String) {
        self.directory = directory
    }

    /// The store the environment points at.
    public static func standard(environment: [String: String] = ProcessInfo.processInfo.environment) -> ProgressStore {
        if let dir = environment["CACHELAB_STATE_DIR"], !dir.isEmpty { return ProgressStore(directory: dir) }
        if let state = environment["XDG_STATE_HOME"], !state.isEmpty { return ProgressStore(directory: state + "/cachelab") }
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        return ProgressStore(directory: home + "/.local/state/cachelab")
    }

    /// Every saved position, by lesson number.
    public func load() -> [Int: Int] {
        guard let data = FileManager.default.contents(atPath: path) else { return [:] }
        var result: [Int: Int] = [:]
        for line in String(decoding: data, as: UTF8.self).split(separator: "\n") {
            let words = line.split(separator: " ")
            if words.count == 2, let lesson = Int(words[0]), let position = Int(words[1]) {
                result[lesson] = position
            }
        }
        return result
    }

    public func position(of lesson: Int) -> Int? { load()[lesson] }

    /// Remembers `position` for `lesson`; nil forgets it (the lesson was finished).
    public func save(lesson: Int, position: Int?) {
        var all = load()
        all[lesson] = position
        let text = all.keys.sorted().map { "\($0) \(all[$0]!)\n" }.joined()
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        // Progress is a convenience: a folder that cannot be written only loses the bookmark.
        _ = FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
    }
}

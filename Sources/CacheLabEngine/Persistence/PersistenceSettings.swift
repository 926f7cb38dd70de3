/// The persistence parameters a save or a load reads: where the dump lives, when to save
/// on its own, and how to write it.
public struct PersistenceSettings: Sendable, Equatable {
    /// A save point: save when at least `changes` writes happened in the last `seconds`.
    public struct SavePoint: Sendable, Equatable {
        public var seconds: Int64
        public var changes: Int64

        public init(seconds: Int64, changes: Int64) {
            self.seconds = seconds
            self.changes = changes
        }
    }

    /// `dir`: the folder of the dump (and of the AOF directory).
    public var directory: String
    /// `dbfilename`.
    public var dbFilename = "dump.rdb"
    /// `save`: Redis's default is `3600 1 300 100 60 10000`.
    public var savePoints: [SavePoint] = PersistenceSettings.defaultSavePoints
    /// `rdbcompression`.
    public var compression = true
    /// `rdbchecksum`.
    public var checksum = true

    public static let defaultSavePoints = [
        SavePoint(seconds: 3600, changes: 1), SavePoint(seconds: 300, changes: 100), SavePoint(seconds: 60, changes: 10000),
    ]

    public init(directory: String = ".") {
        self.directory = directory
    }

    /// The dump's full path.
    public var dumpPath: String {
        directory.hasSuffix("/") ? directory + dbFilename : directory + "/" + dbFilename
    }

    /// Parses a `save` value: pairs of seconds and changes, or "" for none. Nil when malformed.
    public static func parseSavePoints(_ text: String) -> [SavePoint]? {
        let parts = text.split(separator: " ", omittingEmptySubsequences: true)
        guard parts.count % 2 == 0 else { return nil }
        var points: [SavePoint] = []
        for i in stride(from: 0, to: parts.count, by: 2) {
            guard let s = Int64(parts[i]), let c = Int64(parts[i + 1]), s >= 0, c >= 0 else { return nil }
            points.append(SavePoint(seconds: s, changes: c))
        }
        return points
    }
}

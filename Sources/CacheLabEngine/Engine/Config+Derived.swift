/// Typed readings of parameters the engine does not consult on hot paths, read from their
/// current text each time: what persistence and keyspace notifications will need.
extension Config {
    /// `save`: the snapshot points, each "after `seconds` if at least `changes` writes".
    public var savePoints: [(seconds: Int64, changes: Int64)] {
        let words = ConfigSyntax.split(value(of: "save") ?? "").compactMap { $0.int64Value }
        return stride(from: 0, to: words.count - 1, by: 2).map { (words[$0], words[$0 + 1]) }
    }

    /// `appendonly`.
    public var appendOnly: Bool { value(of: "appendonly") == "yes" }

    /// `appendfsync`: always, everysec or no.
    public var appendFsync: String { value(of: "appendfsync")?.string ?? "everysec" }

    /// `dir`: where snapshot and append-only files go.
    public var directory: String { value(of: "dir")?.string ?? Config.workingDirectory }

    /// `dbfilename`: the snapshot's file name.
    public var snapshotFilename: String { value(of: "dbfilename")?.string ?? "dump.rdb" }

    /// `appendfilename` and `appenddirname`.
    public var appendFilename: String { value(of: "appendfilename")?.string ?? "appendonly.aof" }
    public var appendDirectory: String { value(of: "appenddirname")?.string ?? "appendonlydir" }

    /// `notify-keyspace-events`, as its canonical letters (`AKE`, `gx`, or empty for none).
    public var keyspaceEvents: String { value(of: "notify-keyspace-events")?.string ?? "" }
}

/// Typed readings of parameters the engine does not consult on hot paths, read from their
/// current text each time: what persistence and keyspace notifications will need.
extension Config {
    /// `appendonly`.
    public var appendOnly: Bool { value(of: "appendonly") == "yes" }

    /// `dir`: where snapshot and append-only files go.
    public var directory: String { value(of: "dir")?.string ?? Config.workingDirectory }

    /// `dbfilename`: the snapshot's file name.
    public var snapshotFilename: String { value(of: "dbfilename")?.string ?? "dump.rdb" }

    /// `appendfilename` and `appenddirname`.
    public var appendFilename: String { value(of: "appendfilename")?.string ?? "appendonly.aof" }
    public var appendDirectory: String { value(of: "appenddirname")?.string ?? "appendonlydir" }

    /// `enable-debug-command`: whether DEBUG may run. Redis's default, `no`, refuses it to
    /// every client; `local` allows it to clients on the same machine, which every CacheLab
    /// session is (it runs inside the process).
    public var allowsDebugCommand: Bool { value(of: "enable-debug-command") != "no" }

    /// `notify-keyspace-events`, as its canonical letters (`AKE`, `gx`, or empty for none).
    public var keyspaceEvents: String { value(of: "notify-keyspace-events")?.string ?? "" }
}

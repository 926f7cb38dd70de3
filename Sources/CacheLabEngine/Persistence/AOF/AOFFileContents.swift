/// What an AOF file holds, for tools that show it (the REPL's `:files`): the commands of a
/// command file, read with the loader's own parser, so what is shown is what a load replays.
public enum AOFFileContents {
    /// The commands of a file of RESP commands.
    public struct Commands: Sendable {
        /// Every complete command, in file order.
        public var commands: [[Bytes]]
        /// Bytes at the end that do not make a whole command (a write cut short by a crash).
        public var incompleteTailBytes: Int
    }

    /// Whether `bytes` is an RDB file (a base written with `aof-use-rdb-preamble yes`, or a dump).
    public static func isRDB(_ bytes: [UInt8]) -> Bool {
        bytes.starts(with: RDBEncoding.magic)
    }

    /// The commands of an AOF command file; nil when the bytes are not RESP commands.
    public static func commands(in bytes: [UInt8]) -> Commands? {
        var parser = AOFCommandParser(bytes: bytes)
        var commands: [[Bytes]] = []
        while true {
            do {
                guard let argv = try parser.next() else { return Commands(commands: commands, incompleteTailBytes: 0) }
                commands.append(argv)
            } catch .truncated {
                return Commands(commands: commands, incompleteTailBytes: bytes.count - parser.offset)
            } catch {
                return nil
            }
        }
    }
}

/// XLEN key: the number of entries in the stream (0 when the key does not exist).
extension StreamCommands {
    static func xlen(_ c: CommandContext) throws(Reply) -> Reply {
        guard let position = try c.db.streamPositionForRead(c[1]) else { return .zero }
        return .integer(c.db.stream(at: position).length)
    }
}

/// TYPE key: the value's type as a status reply, `none` for a missing key.
extension KeyCommands {
    static func type(_ c: CommandContext) -> Reply {
        .status(c.db.lookupRead(c[1], options: .noTouch)?.typeName ?? "none")
    }
}

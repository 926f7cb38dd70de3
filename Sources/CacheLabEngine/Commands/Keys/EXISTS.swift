/// EXISTS key [key ...]: how many of the keys exist. A key named twice counts twice.
extension KeyCommands {
    /// Looks each key up without refreshing its access time, but counting hits and misses.
    static func exists(_ c: CommandContext) -> Reply {
        let db = c.db
        var found = 0
        for i in 1..<c.argc where db.lookupRead(c[i], options: .noTouch) != nil { found += 1 }
        return .integer(found)
    }
}

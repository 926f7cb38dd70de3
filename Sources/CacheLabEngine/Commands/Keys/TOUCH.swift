/// TOUCH key [key ...]: refreshes the keys' access time (what eviction and OBJECT IDLETIME
/// read) and answers how many exist.
extension KeyCommands {
    static func touch(_ c: CommandContext) -> Reply {
        let db = c.db
        var touched = 0
        for i in 1..<c.argc where db.lookupRead(c[i]) != nil { touched += 1 }
        return .integer(touched)
    }
}

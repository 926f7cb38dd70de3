/// KEYS pattern: every live key matching a glob pattern (see `GlobMatcher`).
///
/// KEYS walks the whole table in one go, which is why production code prefers SCAN. Expired
/// keys are skipped but not deleted. The pattern `*` takes a short cut that matches every key,
/// the empty key included (the matcher itself would not match it).
extension KeyCommands {
    static func keys(_ c: CommandContext) -> Reply {
        let db = c.db
        let pattern = c[1]
        let everything = pattern.count == 1 && pattern[0] == UInt8(ascii: "*")
        let checkExpiry = !db.expires.isEmpty
        var result: [Reply] = []
        pattern.withUnsafeBytes { p in
            for key in db.table.keys {
                if !everything {
                    let hit = key.withUnsafeBytes { GlobMatcher.match(p, $0, noCase: false) }
                    if !hit { continue }
                }
                if checkExpiry && db.isLogicallyExpired(key) { continue }
                result.append(.bulk(key))
            }
        }
        return .array(result)
    }
}

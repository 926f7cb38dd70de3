/// GEOHASH key member [member ...]
///
/// The standard 11-character geohash string of each member (see `GeoHash.string(forScore:)`),
/// or null for a missing member; every slot is null when the key does not exist.
extension GeoCommands {
    static func geohash(_ c: CommandContext) throws(Reply) -> Reply {
        let zset = try c.db.readSortedSet(c[1])
        var replies: [Reply] = []
        replies.reserveCapacity(c.argc - 2)
        for i in 2..<c.argc {
            if let score = zset?.score(of: c[i]) {
                replies.append(.bulk(GeoHash.string(forScore: score)))
            } else {
                replies.append(.null)
            }
        }
        return .array(replies)
    }
}

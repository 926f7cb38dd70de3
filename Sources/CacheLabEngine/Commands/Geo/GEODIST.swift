/// GEODIST key member1 member2 [M|KM|FT|MI]
///
/// The haversine distance between two members, in the unit asked (metres by default),
/// printed with four decimals; null when the key or either member is missing. The unit is
/// checked before the key is looked up, as in Redis.
extension GeoCommands {
    static func geodist(_ c: CommandContext) throws(Reply) -> Reply {
        var unit = 1.0
        if c.argc == 5 {
            unit = try GeoUnit.metres(c[4])
        } else if c.argc > 5 {
            throw RedisError.syntax
        }
        guard let zset = try c.db.readSortedSet(c[1]),
              let score1 = zset.score(of: c[2]),
              let score2 = zset.score(of: c[3]) else { return .null }
        let a = GeoHash.decode(score: score1)
        let b = GeoHash.decode(score: score2)
        let metres = GeoDistance.distance(lon1: a.longitude, lat1: a.latitude, lon2: b.longitude, lat2: b.latitude)
        return .bulk(GeoDistance.format(metres / unit))
    }
}

/// GEOADD key [NX|XX] [CH] longitude latitude member [longitude latitude member ...]
///
/// A geo set is an ordinary sorted set whose scores are 52-bit geohashes (see `GeoHash`), so
/// GEOADD is ZADD with the coordinates turned into scores first. Like Redis, every pair is
/// parsed and range-checked before anything is written, so one bad pair adds nothing. The
/// reply counts added members (with CH: added or moved members).
extension GeoCommands {
    /// `ERR invalid longitude,latitude pair 181.000000,10.000000`, printed with `%f` as Redis does.
    static func invalidPair(_ longitude: Double, _ latitude: Double) -> Reply {
        .error("ERR invalid longitude,latitude pair " + DoubleFormat.cFormat("%f", longitude)
            + "," + DoubleFormat.cFormat("%f", latitude))
    }

    /// Parses a longitude and a latitude at `index` and `index + 1`, checking the limits.
    static func coordinates(_ c: CommandContext, at index: Int) throws(Reply) -> (longitude: Double, latitude: Double) {
        let longitude = try c.double(at: index)
        let latitude = try c.double(at: index + 1)
        guard GeoHash.isValid(longitude: longitude, latitude: latitude) else {
            throw invalidPair(longitude, latitude)
        }
        return (longitude, latitude)
    }

    static func geoadd(_ c: CommandContext) throws(Reply) -> Reply {
        var nx = false, xx = false, ch = false
        var index = 2
        while index < c.argc {
            if c.argument(index, is: "NX") { nx = true }
            else if c.argument(index, is: "XX") { xx = true }
            else if c.argument(index, is: "CH") { ch = true }
            else { break }
            index += 1
        }
        // Redis 7.0 answers a plain syntax error for NX with XX, and for a ragged triplet list.
        guard (c.argc - index) % 3 == 0, !(nx && xx) else { throw RedisError.syntax }

        var elements: [(score: Double, member: Bytes)] = []
        elements.reserveCapacity((c.argc - index) / 3)
        var i = index
        while i < c.argc {
            let (lon, lat) = try coordinates(c, at: i)
            let score = GeoHash.score(longitude: lon, latitude: lat) ?? 0
            elements.append((Double(score), c[i + 2]))
            i += 3
        }

        let db = c.db
        let key = c[1]
        var options: SortedSetValue.AddOptions = []
        if nx { options.insert(.nx) }
        if xx { options.insert(.xx) }
        if xx {
            // XX never creates the key; a missing key answers 0.
            guard try db.readSortedSetForWrite(key) != nil else { return .zero }
        }
        let limits = SortedSetValue.Limits(c.engine.config)
        // As ZADD: one change per member added or updated.
        let before = c.engine.dirty
        let (added, updated) = try db.modifySortedSet(key, create: true) { zset -> (Int, Int) in
            var added = 0, updated = 0
            for (score, member) in elements {
                switch zset.add(member, score: score, options: options, limits: limits).0 {
                case .added: added += 1
                case .updated: updated += 1
                default: break
                }
            }
            return (added, updated)
        } ?? (0, 0)
        if added + updated > 0 { db.signalModified(key) }
        c.engine.countChanges(added + updated, since: before)
        return .integer(ch ? added + updated : added)
    }
}

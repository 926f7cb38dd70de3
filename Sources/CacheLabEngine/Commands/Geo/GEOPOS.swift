/// GEOPOS key member [member ...]
///
/// The position of each member, decoded from its score: the centre of its 26-bit geohash box,
/// so not exactly the coordinates given to GEOADD (the error is below a metre). A missing
/// member (or key) gives a null array in its slot.
extension GeoCommands {
    /// A coordinate as Redis prints it: a long double with 17 decimals, trailing zeros cut; a
    /// bulk string in RESP2 and a double with the same text in RESP3.
    static func coordinate(_ value: Double, _ c: CommandContext) -> Reply {
        .doubleText(DoubleFormat.humanLongDouble(Float80(value)))
    }

    /// The two-element [longitude, latitude] reply of a point.
    static func position(_ point: (longitude: Double, latitude: Double), _ c: CommandContext) -> Reply {
        .array([coordinate(point.longitude, c), coordinate(point.latitude, c)])
    }

    static func geopos(_ c: CommandContext) throws(Reply) -> Reply {
        let zset = try c.db.readSortedSet(c[1])
        var replies: [Reply] = []
        replies.reserveCapacity(c.argc - 2)
        for i in 2..<c.argc {
            if let score = zset?.score(of: c[i]) {
                replies.append(position(GeoHash.decode(score: score), c))
            } else {
                replies.append(.nullArray)
            }
        }
        return .array(replies)
    }
}

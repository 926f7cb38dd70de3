/// The Geo command group: its handlers by full lower-case name.
///
/// A geo set is a sorted set whose scores are 52-bit geohashes: GeoHash.swift encodes and
/// decodes them, GeoDistance.swift measures, GeoSearch.swift finds the points in an area, and
/// one file per command family parses arguments and builds replies.
enum GeoCommands {
    static var handlers: [String: Handler] {
        [
            "geoadd": Handler(geoadd),
            "geopos": Handler(geopos),
            "geodist": Handler(geodist),
            "geohash": Handler(geohash),
            "geosearch": Handler(geosearch),
            "geosearchstore": Handler(geosearchstore),
            "georadius": Handler(georadius),
            "georadius_ro": Handler(georadiusRO),
            "georadiusbymember": Handler(georadiusByMember),
            "georadiusbymember_ro": Handler(georadiusByMemberRO),
        ]
    }
}

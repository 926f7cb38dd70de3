/// The Geo command group: its handlers by full lower-case name.
///
/// A geo set is a sorted set whose scores are 52-bit geohashes: GeoHash.swift encodes and
/// decodes them, GeoDistance.swift measures, GeoSearch.swift finds the points in an area, and
/// one file per command family parses arguments and builds replies.
enum GeoCommands {
    static var handlers: [String: CommandHandler] {
        [
            "geoadd": geoadd,
            "geopos": geopos,
            "geodist": geodist,
            "geohash": geohash,
            "geosearch": geosearch,
            "geosearchstore": geosearchstore,
            "georadius": georadius,
            "georadius_ro": georadiusRO,
            "georadiusbymember": georadiusByMember,
            "georadiusbymember_ro": georadiusByMemberRO,
        ]
    }
}

/// GEORADIUS, GEORADIUSBYMEMBER and their read-only _RO forms: the older search commands,
/// deprecated in favour of GEOSEARCH but still served by the same machinery (see GEOSEARCH.swift).
///
///     GEORADIUS key longitude latitude radius M|KM|FT|MI [options]
///     GEORADIUSBYMEMBER key member radius M|KM|FT|MI [options]
///
/// Options: WITHCOORD, WITHDIST, WITHHASH, COUNT n [ANY], ASC|DESC, and on the writable forms
/// STORE key (scores are geohashes) or STOREDIST key (scores are distances). The _RO forms do
/// not know STORE/STOREDIST at all, so they answer a syntax error for them.
extension GeoCommands {
    static func georadius(_ c: CommandContext) throws(Reply) -> Reply {
        try search(c, sourceIndex: 1, flavor: .radiusFromCoordinates(readOnly: false))
    }

    static func georadiusRO(_ c: CommandContext) throws(Reply) -> Reply {
        try search(c, sourceIndex: 1, flavor: .radiusFromCoordinates(readOnly: true))
    }

    static func georadiusByMember(_ c: CommandContext) throws(Reply) -> Reply {
        try search(c, sourceIndex: 1, flavor: .radiusFromMember(readOnly: false))
    }

    static func georadiusByMemberRO(_ c: CommandContext) throws(Reply) -> Reply {
        try search(c, sourceIndex: 1, flavor: .radiusFromMember(readOnly: true))
    }
}

/// GEOSEARCH and GEOSEARCHSTORE, and the search machinery GEORADIUS* shares with them.
///
///     GEOSEARCH key FROMMEMBER member | FROMLONLAT lon lat
///               BYRADIUS radius unit | BYBOX width height unit
///               [ASC|DESC] [COUNT n [ANY]] [WITHCOORD] [WITHDIST] [WITHHASH]
///     GEOSEARCHSTORE destination source ...same... [STOREDIST]
///
/// All six search commands run through `search(_:sourceIndex:flavor:)`, which follows Redis's
/// order of checks exactly, since it decides which error a bad command gets: the source key's
/// type, then the fixed arguments of GEORADIUS*, then each option left to right (a bad value
/// fails on the spot), then the combination rules, and only then the search itself.
extension GeoCommands {
    /// Which command is searching.
    enum SearchFlavor {
        /// GEORADIUS / GEORADIUS_RO: centre and radius as fixed arguments.
        case radiusFromCoordinates(readOnly: Bool)
        /// GEORADIUSBYMEMBER / GEORADIUSBYMEMBER_RO: centre member and radius.
        case radiusFromMember(readOnly: Bool)
        /// GEOSEARCH / GEOSEARCHSTORE: everything given as options.
        case search(store: Bool)

        var isSearch: Bool { if case .search = self { return true } else { return false } }
        var isSearchStore: Bool { if case .search(true) = self { return true } else { return false } }
        /// Whether STORE and STOREDIST key options are accepted (the writable GEORADIUS forms).
        var acceptsStoreOption: Bool {
            switch self {
            case .radiusFromCoordinates(let ro), .radiusFromMember(let ro): return !ro
            case .search: return false
            }
        }
    }

    static let memberNotFound = Reply.error("ERR could not decode requested zset member")
    static let countNotPositive = Reply.error("ERR COUNT must be > 0")
    static let anyWithoutCount = Reply.error("ERR the ANY argument requires COUNT argument")
    static let radiusNegative = Reply.error("ERR radius cannot be negative")
    static let boxNegative = Reply.error("ERR height or width cannot be negative")

    /// A double or the given `ERR` text (Redis's "need numeric ..." errors); like every float
    /// argument, one that overflows (`1e400`) or underflows to zero is refused.
    static func number(_ c: CommandContext, at index: Int, _ message: String) throws(Reply) -> Double {
        let (value, outOfRange) = c[index].parseDoubleArgument()
        c.engine.noteFloatParse(outOfRange: outOfRange)
        guard let value else { throw Reply.error("ERR " + message) }
        return value
    }

    /// `radius unit` at `index`: the radius and metres per unit.
    static func radius(_ c: CommandContext, at index: Int) throws(Reply) -> (Double, Double) {
        let r = try number(c, at: index, "need numeric radius")
        if r < 0 { throw radiusNegative }
        return (r, try GeoUnit.metres(c[index + 1]))
    }

    /// `width height unit` at `index`.
    static func box(_ c: CommandContext, at index: Int) throws(Reply) -> (Double, Double, Double) {
        let w = try number(c, at: index, "need numeric width")
        let h = try number(c, at: index + 1, "need numeric height")
        if h < 0 || w < 0 { throw boxNegative }
        return (w, h, try GeoUnit.metres(c[index + 2]))
    }

    /// The point of a member of the source set, or the could-not-decode error.
    static func memberPosition(_ zset: SortedSetValue, _ member: Bytes) throws(Reply) -> (longitude: Double, latitude: Double) {
        guard let score = zset.score(of: member) else { throw memberNotFound }
        return GeoHash.decode(score: score)
    }

    /// Everything a search command asked for.
    struct SearchRequest {
        var longitude = 0.0, latitude = 0.0
        var kind: GeoSearch.Shape.Kind = .radius(0)
        var unit = 1.0
        var withDist = false, withHash = false, withCoord = false
        var fromMember = false, fromLonLat = false, byRadius = false, byBox = false
        var ascending: Bool? = nil
        var any = false
        var count: Int64 = 0
        var storeKey: Bytes? = nil
        var storeDist = false
    }

    static func search(_ c: CommandContext, sourceIndex: Int, flavor: SearchFlavor) throws(Reply) -> Reply {
        let zset = try c.db.readSortedSet(c[sourceIndex])
        var r = SearchRequest()
        let base: Int
        switch flavor {
        case .radiusFromCoordinates:
            base = 6
            (r.longitude, r.latitude) = try coordinates(c, at: 2)
            let (radius, unit) = try radius(c, at: 4)
            (r.kind, r.unit) = (.radius(radius), unit)
        case .radiusFromMember:
            base = 5
            // With no source key Redis parses the options only, to pick the right empty reply.
            if let zset {
                (r.longitude, r.latitude) = try memberPosition(zset, c[2])
                let (radius, unit) = try radius(c, at: 3)
                (r.kind, r.unit) = (.radius(radius), unit)
            }
        case .search(let store):
            base = store ? 3 : 2
            if store { r.storeKey = c[1] }
        }
        try parseSearchOptions(c, from: base, flavor: flavor, zset: zset, into: &r)
        try checkSearchOptions(c, flavor: flavor, r)

        guard let zset else {
            if let storeKey = r.storeKey {
                c.db.delete(storeKey)
                return .zero
            }
            return .emptyArray
        }
        if r.count != 0 && r.ascending == nil && !r.any { r.ascending = true }
        let shape = GeoSearch.Shape(longitude: r.longitude, latitude: r.latitude, kind: r.kind, unit: r.unit)
        var points = GeoSearch.points(in: zset, shape: shape, limit: r.any ? Int(r.count) : 0)
        if points.isEmpty && r.storeKey == nil { return .emptyArray }
        let returned = r.count == 0 ? points.count : min(points.count, Int(r.count))
        if let ascending = r.ascending { sortByDistance(&points, ascending: ascending, keeping: returned) }
        if let storeKey = r.storeKey {
            return store(points.prefix(returned), into: storeKey, request: r, c)
        }
        return .array(points.prefix(returned).map { reply(for: $0, request: r, c) })
    }

    /// Reads the options after the fixed arguments, failing on the first bad one.
    private static func parseSearchOptions(_ c: CommandContext, from base: Int, flavor: SearchFlavor,
                                           zset: SortedSetValue?, into r: inout SearchRequest) throws(Reply) {
        var i = base
        while i < c.argc {
            let left = c.argc - i - 1  // arguments after this one
            if c.argument(i, is: "WITHDIST") { r.withDist = true }
            else if c.argument(i, is: "WITHHASH") { r.withHash = true }
            else if c.argument(i, is: "WITHCOORD") { r.withCoord = true }
            else if c.argument(i, is: "ANY") { r.any = true }
            else if c.argument(i, is: "ASC") { r.ascending = true }
            else if c.argument(i, is: "DESC") { r.ascending = false }
            else if c.argument(i, is: "COUNT") && left >= 1 {
                r.count = try c.integer(at: i + 1)
                if r.count <= 0 { throw countNotPositive }
                i += 1
            } else if (c.argument(i, is: "STORE") || c.argument(i, is: "STOREDIST")) && left >= 1 && flavor.acceptsStoreOption {
                r.storeKey = c[i + 1]
                r.storeDist = c.argument(i, is: "STOREDIST")
                i += 1
            } else if c.argument(i, is: "STOREDIST") && flavor.isSearchStore {
                r.storeDist = true
            } else if c.argument(i, is: "FROMMEMBER") && left >= 1 && flavor.isSearch && !r.fromLonLat {
                if let zset { (r.longitude, r.latitude) = try memberPosition(zset, c[i + 1]) }
                r.fromMember = true
                i += 1
            } else if c.argument(i, is: "FROMLONLAT") && left >= 2 && flavor.isSearch && !r.fromMember {
                (r.longitude, r.latitude) = try coordinates(c, at: i + 1)
                r.fromLonLat = true
                i += 2
            } else if c.argument(i, is: "BYRADIUS") && left >= 2 && flavor.isSearch && !r.byBox {
                let (radius, unit) = try radius(c, at: i + 1)
                (r.kind, r.unit) = (.radius(radius), unit)
                r.byRadius = true
                i += 2
            } else if c.argument(i, is: "BYBOX") && left >= 3 && flavor.isSearch && !r.byRadius {
                let (w, h, unit) = try box(c, at: i + 1)
                (r.kind, r.unit) = (.box(width: w, height: h), unit)
                r.byBox = true
                i += 3
            } else {
                throw RedisError.syntax
            }
            i += 1
        }
    }

    /// The rules on option combinations, in Redis's order.
    private static func checkSearchOptions(_ c: CommandContext, flavor: SearchFlavor, _ r: SearchRequest) throws(Reply) {
        if r.storeKey != nil && (r.withDist || r.withHash || r.withCoord) {
            let who = flavor.isSearchStore ? "GEOSEARCHSTORE" : "STORE option in GEORADIUS"
            throw Reply.error("ERR \(who) is not compatible with WITHDIST, WITHHASH and WITHCOORD options")
        }
        let name = c[0].string
        if flavor.isSearch && !(r.fromMember || r.fromLonLat) {
            throw Reply.error("ERR exactly one of FROMMEMBER or FROMLONLAT can be specified for \(name)")
        }
        if flavor.isSearch && !(r.byRadius || r.byBox) {
            throw Reply.error("ERR exactly one of BYRADIUS and BYBOX can be specified for \(name)")
        }
        if r.any && r.count == 0 { throw anyWithoutCount }
    }

    /// Sorts by distance. Like Redis: a full sort is stable (glibc's qsort is a merge sort), so
    /// equal distances keep their walk order; when only the first `keeping` results are
    /// wanted, Redis's partial quicksort decides the order of ties, so the same one runs here.
    private static func sortByDistance(_ points: inout [GeoSearch.Point], ascending: Bool, keeping: Int) {
        if keeping < points.count {
            PartialQuickSort.sort(&points, low: 0, high: keeping - 1) { a, b in
                if a.distance == b.distance { return 0 }
                return (a.distance > b.distance) == ascending ? 1 : -1
            }
            return
        }
        let order = points.indices.sorted { a, b in
            let da = points[a].distance, db = points[b].distance
            if da != db { return ascending ? da < db : da > db }
            return a < b
        }
        points = order.map { points[$0] }
    }

    /// One result: the bare member, or [member, dist?, hash?, [lon, lat]?].
    private static func reply(for p: GeoSearch.Point, request r: SearchRequest, _ c: CommandContext) -> Reply {
        guard r.withDist || r.withHash || r.withCoord else { return .bulk(p.member) }
        var items: [Reply] = [.bulk(p.member)]
        if r.withDist { items.append(.bulk(GeoDistance.format(p.distance / r.unit))) }
        if r.withHash { items.append(.integer(Int64(p.score))) }
        if r.withCoord { items.append(position((p.longitude, p.latitude), c)) }
        return .array(items)
    }

    /// STORE / STOREDIST / GEOSEARCHSTORE: the results become a new sorted set scored by geohash
    /// or by distance (in the request's unit); no result deletes the destination.
    private static func store(_ points: ArraySlice<GeoSearch.Point>, into key: Bytes, request r: SearchRequest,
                              _ c: CommandContext) -> Reply {
        guard !points.isEmpty else {
            c.db.delete(key)
            return .zero
        }
        let limits = SortedSetValue.Limits(c.engine.config)
        var result = SortedSetValue(listpack: false)
        for p in points where result.score(of: p.member) == nil {
            result.insert(p.member, score: r.storeDist ? p.distance / r.unit : p.score, limits: limits)
        }
        result.chooseEncodingForResult(limits: limits)
        // One change per member stored.
        let before = c.engine.dirty
        c.db.storeSortedSet(key, result)
        c.engine.countChanges(points.count, since: before)
        return .integer(points.count)
    }

    static func geosearch(_ c: CommandContext) throws(Reply) -> Reply {
        try search(c, sourceIndex: 1, flavor: .search(store: false))
    }

    static func geosearchstore(_ c: CommandContext) throws(Reply) -> Reply {
        try search(c, sourceIndex: 2, flavor: .search(store: true))
    }
}

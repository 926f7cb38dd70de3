import Foundation

/// Distances on the Earth, as Redis measures them.
///
/// Redis treats the Earth as a sphere of radius 6372797.560856 m and uses the *haversine*
/// formula for the great-circle distance between two points:
///
///     a = sin²(Δlat / 2) + cos(lat1) · cos(lat2) · sin²(Δlon / 2)
///     d = 2 · R · asin(√a)
///
/// (haversine, because hav(θ) = sin²(θ/2); the formula stays accurate for small distances,
/// where the plain spherical law of cosines loses its digits.) When both longitudes are the
/// same the points lie on one meridian and the distance is simply R · |Δlat|, which Redis
/// takes as a shortcut.
///
/// A box search (BYBOX) keeps a point when its north–south distance from the centre is at
/// most half the box's height and its east–west distance, measured along the point's own
/// parallel, at most half the width.
enum GeoDistance {
    static let earthRadius = 6372797.560856

    @inline(__always) static func radians(_ degrees: Double) -> Double {
        degrees * (Double.pi / 180.0)
    }

    /// Degrees from radians.
    @inline(__always) static func degrees(_ radians: Double) -> Double {
        radians / (Double.pi / 180.0)
    }

    /// The distance along a meridian between two latitudes.
    static func latitudeDistance(_ lat1: Double, _ lat2: Double) -> Double {
        earthRadius * abs(radians(lat2) - radians(lat1))
    }

    /// The great-circle distance in metres between two points given in degrees.
    static func distance(lon1: Double, lat1: Double, lon2: Double, lat2: Double) -> Double {
        let lon1r = radians(lon1)
        let lon2r = radians(lon2)
        let v = sin((lon2r - lon1r) / 2)
        if v == 0 { return latitudeDistance(lat1, lat2) }
        let lat1r = radians(lat1)
        let lat2r = radians(lat2)
        let u = sin((lat2r - lat1r) / 2)
        let a = u * u + cos(lat1r) * cos(lat2r) * v * v
        return 2.0 * earthRadius * asin(a.squareRoot())
    }

    /// The distance from the centre to a point, or nil when it is farther than `radius` metres.
    static func distanceIfInRadius(center: (Double, Double), point: (Double, Double), radius: Double) -> Double? {
        let d = distance(lon1: center.0, lat1: center.1, lon2: point.0, lat2: point.1)
        return d > radius ? nil : d
    }

    /// The distance from the centre to a point, or nil when the point lies outside the box of
    /// `width` × `height` metres around the centre. The cheaper latitude test runs first.
    static func distanceIfInBox(center: (Double, Double), point: (Double, Double), width: Double, height: Double) -> Double? {
        if latitudeDistance(point.1, center.1) > height / 2 { return nil }
        let eastWest = distance(lon1: point.0, lat1: point.1, lon2: center.0, lat2: point.1)
        if eastWest > width / 2 { return nil }
        return distance(lon1: center.0, lat1: center.1, lon2: point.0, lat2: point.1)
    }

    /// A distance in the reply's unit, as Redis prints it: `%.4f`.
    static func format(_ meters: Double) -> Bytes {
        Bytes(DoubleFormat.cFormat("%.4f", meters))
    }
}

/// The distance units GEO commands take, as metres per unit.
enum GeoUnit {
    static let unsupported = Reply.error("ERR unsupported unit provided. please use M, KM, FT, MI")

    /// Metres per unit for `m`, `km`, `ft` or `mi` (any case), or the unsupported-unit error.
    static func metres(_ unit: Bytes) throws(Reply) -> Double {
        if unit.equalsIgnoringCase("m") { return 1 }
        if unit.equalsIgnoringCase("km") { return 1000 }
        if unit.equalsIgnoringCase("ft") { return 0.3048 }
        if unit.equalsIgnoringCase("mi") { return 1609.34 }
        throw unsupported
    }
}

/// Geohashes: how Redis turns a (longitude, latitude) pair into one sorted-set score.
///
/// The idea. Split the longitude range [-180, 180] in two halves and write 1 bit saying which
/// half the point is in; split that half again, and again, `step` times: the bits are the
/// point's longitude as a fixed-point fraction of the range. Do the same for latitude. Then
/// *interleave* the two numbers bit by bit, longitude first: the result names a box of the
/// world, and two points whose hashes share a prefix lie in the same box of that size. Sorting
/// by hash therefore keeps nearby points mostly together, which is what makes a sorted set a
/// usable spatial index.
///
/// Redis specifics:
/// - `step` is 26 for stored points, so a score is a 52-bit integer (exact in a double).
/// - Latitude spans only [-85.05112878, 85.05112878], the limits of the Web Mercator
///   projection, rather than [-90, 90]. GEOHASH re-encodes with [-90, 90] to print the
///   standard geohash string.
/// - In the interleaved word latitude takes the even bits (0, 2, 4...) and longitude the odd
///   bits, so the top bit of a 52-bit hash is a longitude bit, as in standard geohashes.
/// - Decoding gives a box; a point is reported as the centre of its box, clamped to the limits.
struct GeoHashBits: Equatable {
    /// The interleaved bits, `2 * step` of them, right-aligned.
    var bits: UInt64
    /// How many times each axis was halved (1...32).
    var step: UInt8

    /// Redis's "zero" hash, used to switch off a neighbour box.
    static let zero = GeoHashBits(bits: 0, step: 0)
    var isZero: Bool { bits == 0 && step == 0 }

    /// The hash shifted up to 52 bits, as stored in (and compared with) scores.
    var aligned52: UInt64 { bits << (52 - UInt64(step) * 2) }
}

/// A closed interval of degrees.
struct GeoRange: Equatable {
    var min: Double
    var max: Double
}

/// The box a hash names.
struct GeoArea: Equatable {
    var longitude: GeoRange
    var latitude: GeoRange
}

enum GeoHash {
    /// Stored points use 26 bits per axis.
    static let maxStep: UInt8 = 26
    static let longitudeRange = GeoRange(min: -180, max: 180)
    /// The Web Mercator latitude limits Redis indexes.
    static let latitudeRange = GeoRange(min: -85.05112878, max: 85.05112878)
    /// The full latitude range, used only to print standard geohash strings.
    static let standardLatitudeRange = GeoRange(min: -90, max: 90)

    // MARK: Interleaving

    /// Spreads the 32 bits of `v` to the even bit positions of a 64-bit word (bit i goes to
    /// bit 2i), by five rounds of "shift a half up and mask", each doubling the gaps.
    @inline(__always) static func spread(_ v: UInt32) -> UInt64 {
        var x = UInt64(v)
        x = (x | (x << 16)) & 0x0000_FFFF_0000_FFFF
        x = (x | (x << 8)) & 0x00FF_00FF_00FF_00FF
        x = (x | (x << 4)) & 0x0F0F_0F0F_0F0F_0F0F
        x = (x | (x << 2)) & 0x3333_3333_3333_3333
        x = (x | (x << 1)) & 0x5555_5555_5555_5555
        return x
    }

    /// The inverse of `spread`: gathers the even bits of `x` into a 32-bit number.
    @inline(__always) static func squash(_ value: UInt64) -> UInt32 {
        var x = value & 0x5555_5555_5555_5555
        x = (x | (x >> 1)) & 0x3333_3333_3333_3333
        x = (x | (x >> 2)) & 0x0F0F_0F0F_0F0F_0F0F
        x = (x | (x >> 4)) & 0x00FF_00FF_00FF_00FF
        x = (x | (x >> 8)) & 0x0000_FFFF_0000_FFFF
        x = (x | (x >> 16)) & 0x0000_0000_FFFF_FFFF
        return UInt32(x)
    }

    /// Latitude bits on the even positions, longitude bits on the odd ones.
    static func interleave(latitude: UInt32, longitude: UInt32) -> UInt64 {
        spread(latitude) | (spread(longitude) << 1)
    }

    /// Splits an interleaved word back into its latitude and longitude numbers.
    static func deinterleave(_ bits: UInt64) -> (latitude: UInt32, longitude: UInt32) {
        (squash(bits), squash(bits >> 1))
    }

    // MARK: Encoding and decoding

    /// Whether a point may be indexed at all (Redis's GEOADD limits).
    static func isValid(longitude: Double, latitude: Double) -> Bool {
        longitude >= longitudeRange.min && longitude <= longitudeRange.max
            && latitude >= latitudeRange.min && latitude <= latitudeRange.max
    }

    /// The `step`-bit hash of a point within the given ranges, or nil when the point is outside
    /// the indexable limits or the ranges. Each coordinate becomes the fraction of its range,
    /// times 2^step, truncated to an integer (so a point exactly on the upper limit gets
    /// 2^step, one past the last box, exactly as Redis computes it).
    static func encode(longitude: Double, latitude: Double, step: UInt8,
                       longitudeRange lonRange: GeoRange = longitudeRange,
                       latitudeRange latRange: GeoRange = latitudeRange) -> GeoHashBits? {
        guard step >= 1, step <= 32, isValid(longitude: longitude, latitude: latitude) else { return nil }
        guard latitude >= latRange.min, latitude <= latRange.max,
              longitude >= lonRange.min, longitude <= lonRange.max else { return nil }
        let scale = Double(UInt64(1) << UInt64(step))
        let latOffset = (latitude - latRange.min) / (latRange.max - latRange.min) * scale
        let lonOffset = (longitude - lonRange.min) / (lonRange.max - lonRange.min) * scale
        return GeoHashBits(bits: interleave(latitude: UInt32(latOffset), longitude: UInt32(lonOffset)), step: step)
    }

    /// The box named by `hash` within the given ranges.
    static func area(of hash: GeoHashBits,
                     longitudeRange lonRange: GeoRange = longitudeRange,
                     latitudeRange latRange: GeoRange = latitudeRange) -> GeoArea {
        let (lat, lon) = deinterleave(hash.bits)
        let cells = Double(UInt64(1) << UInt64(hash.step))
        let latScale = latRange.max - latRange.min
        let lonScale = lonRange.max - lonRange.min
        return GeoArea(
            // The last box's "+ 1" wraps to 0 in 32 bits, as in Redis (only a score set with
            // ZADD gets there; the centre is then clamped to the limits).
            longitude: GeoRange(min: lonRange.min + (Double(lon) / cells) * lonScale,
                                max: lonRange.min + (Double(lon &+ 1) / cells) * lonScale),
            latitude: GeoRange(min: latRange.min + (Double(lat) / cells) * latScale,
                               max: latRange.min + (Double(lat &+ 1) / cells) * latScale))
    }

    /// The centre of a box, clamped to the indexable limits: how Redis reports a point.
    static func center(of area: GeoArea) -> (longitude: Double, latitude: Double) {
        var lon = (area.longitude.min + area.longitude.max) / 2
        lon = Swift.min(Swift.max(lon, longitudeRange.min), longitudeRange.max)
        var lat = (area.latitude.min + area.latitude.max) / 2
        lat = Swift.min(Swift.max(lat, latitudeRange.min), latitudeRange.max)
        return (lon, lat)
    }

    /// The 52-bit score of a point (`nil` outside the limits).
    static func score(longitude: Double, latitude: Double) -> UInt64? {
        encode(longitude: longitude, latitude: latitude, step: maxStep)?.aligned52
    }

    /// The point a stored score stands for. Like Redis, the score is converted to an integer
    /// first; scores that are no integer in range (set with ZADD) still decode to something.
    static func decode(score: Double) -> (longitude: Double, latitude: Double) {
        center(of: area(of: GeoHashBits(bits: hashBits(ofScore: score), step: maxStep)))
    }

    /// A score as 64 hash bits, the way Redis's C cast from double to uint64_t comes out on
    /// x86-64 for any score ZADD may store. Below 2^63 the value is truncated toward zero as a
    /// signed integer (so -1 gives all ones, -2.5 gives ...FE), and anything below -2^63
    /// (-inf too) gives the "integer indefinite" 0x8000000000000000. From 2^63 on, 2^63 is
    /// subtracted first and the top bit set again afterwards, so 2^64 and above (+inf too)
    /// come out as 0.
    static func hashBits(ofScore score: Double) -> UInt64 {
        let twoTo63 = 9_223_372_036_854_775_808.0
        let indefinite: UInt64 = 0x8000_0000_0000_0000
        func truncated(_ x: Double) -> UInt64 {
            guard x >= -twoTo63, x < twoTo63 else { return indefinite }
            return UInt64(bitPattern: Int64(x.rounded(.towardZero)))
        }
        if score.isNaN { return indefinite }
        return score < twoTo63 ? truncated(score) : truncated(score - twoTo63) ^ indefinite
    }

    // MARK: Neighbours

    /// Moves a hash one box east (`+1`) or west (`-1`). The longitude bits (odd positions) are
    /// incremented or decremented as one number while the latitude bits stay put: filling the
    /// latitude holes with ones lets the carry (or borrow) jump over them. The result wraps
    /// around the world, as in Redis.
    static func moveX(_ hash: GeoHashBits, _ d: Int) -> GeoHashBits {
        guard d != 0 else { return hash }
        let shift = 64 - UInt64(hash.step) * 2
        var x = hash.bits & 0xAAAA_AAAA_AAAA_AAAA
        let y = hash.bits & 0x5555_5555_5555_5555
        let holes: UInt64 = 0x5555_5555_5555_5555 >> shift
        if d > 0 {
            x = x &+ (holes &+ 1)
        } else {
            x = (x | holes) &- (holes &+ 1)
        }
        x &= 0xAAAA_AAAA_AAAA_AAAA >> shift
        return GeoHashBits(bits: x | y, step: hash.step)
    }

    /// Moves a hash one box north (`+1`) or south (`-1`), with the same trick on the latitude
    /// bits. Latitude wraps around too (north of the top row is the bottom row).
    static func moveY(_ hash: GeoHashBits, _ d: Int) -> GeoHashBits {
        guard d != 0 else { return hash }
        let shift = 64 - UInt64(hash.step) * 2
        let x = hash.bits & 0xAAAA_AAAA_AAAA_AAAA
        var y = hash.bits & 0x5555_5555_5555_5555
        let holes: UInt64 = 0xAAAA_AAAA_AAAA_AAAA >> shift
        if d > 0 {
            y = y &+ (holes &+ 1)
        } else {
            y = (y | holes) &- (holes &+ 1)
        }
        y &= 0x5555_5555_5555_5555 >> shift
        return GeoHashBits(bits: x | y, step: hash.step)
    }

    /// The box one step in each direction: `dx` east/west, `dy` north/south.
    static func neighbour(_ hash: GeoHashBits, dx: Int, dy: Int) -> GeoHashBits {
        moveY(moveX(hash, dx), dy)
    }

    // MARK: Geohash strings

    /// The geohash alphabet: base 32 without a, i, l and o.
    static let base32: [UInt8] = Array("0123456789bcdefghjkmnpqrstuvwxyz".utf8)

    /// The 11-character string GEOHASH prints for a stored score: the point is re-encoded over
    /// the standard [-90, 90] latitude range, its 52 bits cut into ten 5-bit digits, and an
    /// eleventh digit that Redis always prints as `0` (there are no bits left for it).
    static func string(forScore score: Double) -> Bytes {
        let (lon, lat) = decode(score: score)
        let hash = encode(longitude: lon, latitude: lat, step: maxStep,
                          latitudeRange: standardLatitudeRange) ?? GeoHashBits(bits: 0, step: maxStep)
        var out = [UInt8](repeating: base32[0], count: 11)
        for i in 0..<10 {
            let index = Int((hash.bits >> UInt64(52 - (i + 1) * 5)) & 0x1F)
            out[i] = base32[index]
        }
        return Bytes(out)
    }
}

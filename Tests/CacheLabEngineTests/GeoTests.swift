import Testing
@testable import CacheLabEngine

/// The geohash math behind the GEO commands. Every expected score, string and coordinate here
/// was read from a real Redis 7.0.15 server (GEOADD then ZSCORE / GEOHASH / GEOPOS / GEODIST).
@Suite struct GeoTests {
    // MARK: Interleaving

    @Test func interleavePutsLatitudeOnEvenBitsAndRoundTrips() {
        #expect(GeoHash.interleave(latitude: 1, longitude: 0) == 0b01)
        #expect(GeoHash.interleave(latitude: 0, longitude: 1) == 0b10)
        #expect(GeoHash.interleave(latitude: 0b11, longitude: 0b01) == 0b0111)
        #expect(GeoHash.interleave(latitude: .max, longitude: .max) == .max)
        var seed: UInt64 = 0x9E37_79B9_7F4A_7C15
        for _ in 0..<1000 {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            let lat = UInt32(truncatingIfNeeded: seed >> 7)
            let lon = UInt32(truncatingIfNeeded: seed >> 29)
            let (dLat, dLon) = GeoHash.deinterleave(GeoHash.interleave(latitude: lat, longitude: lon))
            #expect(dLat == lat && dLon == lon)
        }
    }

    // MARK: Encoding and decoding

    @Test func scoresMatchRedis() {
        // GEOADD k 13.361389 38.115556 Palermo 15.087269 37.502669 Catania; ZSCORE on Redis 7.0.15.
        #expect(GeoHash.score(longitude: 13.361389, latitude: 38.115556) == 3479099956230698)
        #expect(GeoHash.score(longitude: 15.087269, latitude: 37.502669) == 3479447370796909)
        #expect(GeoHash.score(longitude: -180, latitude: -85.05112878) == 0)
        #expect(GeoHash.score(longitude: 181, latitude: 0) == nil)
        #expect(GeoHash.score(longitude: 0, latitude: 85.06) == nil)
    }

    @Test func decodedPositionsPrintAsRedisPrintsThem() {
        let palermo = GeoHash.decode(score: 3479099956230698)
        #expect(DoubleFormat.humanLongDouble(Float80(palermo.longitude)) == "13.36138933897018433")
        #expect(DoubleFormat.humanLongDouble(Float80(palermo.latitude)) == "38.11555639549629859")
        // GEOADD k -180 -85.05112878 SW: GEOPOS answers the centre of the first box.
        let corner = GeoHash.decode(score: 0)
        #expect(DoubleFormat.humanLongDouble(Float80(corner.longitude)) == "-179.99999731779098511")
        #expect(DoubleFormat.humanLongDouble(Float80(corner.latitude)) == "-85.05112751263942528")
    }

    @Test func encodeThenDecodeStaysInsideTheBox() {
        var seed: UInt64 = 42
        for _ in 0..<2000 {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            let lon = Double(seed >> 11) / Double(1 << 53) * 360 - 180
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            let lat = Double(seed >> 11) / Double(1 << 53) * 170.1 - 85.05
            guard let score = GeoHash.score(longitude: lon, latitude: lat) else {
                Issue.record("\(lon),\(lat) should be indexable")
                continue
            }
            #expect(score < 1 << 52)
            let (dLon, dLat) = GeoHash.decode(score: Double(score))
            // A 26-bit box is 360/2^26 degrees wide and 170.1/2^26 degrees high.
            #expect(abs(dLon - lon) <= 360.0 / Double(1 << 26))
            #expect(abs(dLat - lat) <= 170.2 / Double(1 << 26))
            #expect(GeoHash.score(longitude: dLon, latitude: dLat) == score)
        }
    }

    @Test func geohashStringsMatchRedis() {
        // GEOHASH on Redis 7.0.15 for points added with these coordinates.
        let cases: [(Double, Double, String)] = [
            (13.361389, 38.115556, "sqc8b49rny0"),
            (15.087269, 37.502669, "sqdtr74hyu0"),
            (-0.127758, 51.507351, "gcpvj0dup10"),
            (-74.005973, 40.712775, "dr5regw3pg0"),
            (151.209296, -33.86882, "r3gx2f75zf0"),
            (0, 0, "s0000000000"),
            (180, 85.05112878, "bp05b5048p0"),
            (-180, -85.05112878, "00bh0hbj200"),
        ]
        for (lon, lat, expected) in cases {
            let score = GeoHash.score(longitude: lon, latitude: lat)!
            #expect(GeoHash.string(forScore: Double(score)) == Bytes(expected))
        }
    }

    // MARK: Neighbours

    @Test func neighboursMoveOneBoxAndWrapAround() {
        let hash = GeoHash.encode(longitude: 13.36, latitude: 38.11, step: 10)!
        let area = GeoHash.area(of: hash)
        let east = GeoHash.area(of: GeoHash.moveX(hash, 1))
        #expect(east.longitude.min == area.longitude.max)
        #expect(east.latitude == area.latitude)
        let north = GeoHash.area(of: GeoHash.moveY(hash, 1))
        #expect(north.latitude.min == area.latitude.max)
        #expect(GeoHash.moveX(GeoHash.moveX(hash, 1), -1) == hash)
        #expect(GeoHash.moveY(GeoHash.moveY(hash, -1), 1) == hash)
        // West of the first column is the last column.
        let westEdge = GeoHash.encode(longitude: -180, latitude: 0, step: 4)!
        let wrapped = GeoHash.area(of: GeoHash.moveX(westEdge, -1))
        #expect(wrapped.longitude.max == 180)
    }

    // MARK: Distances and search areas

    @Test func haversineMatchesRedis() {
        let palermo = GeoHash.decode(score: 3479099956230698)
        let catania = GeoHash.decode(score: 3479447370796909)
        let d = GeoDistance.distance(lon1: palermo.longitude, lat1: palermo.latitude,
                                     lon2: catania.longitude, lat2: catania.latitude)
        // GEODIST k Palermo Catania on Redis 7.0.15.
        #expect(GeoDistance.format(d) == Bytes("166274.1516"))
        #expect(GeoDistance.format(d / 1000) == Bytes("166.2742"))
    }

    @Test func stepsShrinkWithTheRadiusAndNearThePoles() {
        #expect(GeoSearch.estimateStep(radius: 0, latitude: 0) == 26)
        let equator = GeoSearch.estimateStep(radius: 1000, latitude: 0)
        #expect(GeoSearch.estimateStep(radius: 1000, latitude: 70) == equator - 1)
        #expect(GeoSearch.estimateStep(radius: 1000, latitude: -81) == equator - 2)
        #expect(GeoSearch.estimateStep(radius: 100, latitude: 0) > equator)
        #expect(GeoSearch.estimateStep(radius: 50_000_000, latitude: 0) == 1)
    }

    @Test func searchFindsPointsAcrossTheAntimeridian() {
        let engine = Engine(clock: .manual())
        let session = engine.makeSession()
        func run(_ args: String...) -> Reply { engine.execute(args.map { Bytes($0) }, session: session) }
        #expect(run("GEOADD", "g", "179.9", "-17.7", "east", "-179.99", "-16.8", "west", "0", "0", "far") == .integer(3))
        #expect(run("GEOSEARCH", "g", "FROMMEMBER", "east", "BYRADIUS", "300", "km", "ASC")
            == .array([.bulk("east"), .bulk("west")]))
        #expect(run("GEOSEARCH", "g", "FROMLONLAT", "0", "0", "BYRADIUS", "1", "km", "COUNT", "0")
            == .error("ERR COUNT must be > 0"))
    }
}

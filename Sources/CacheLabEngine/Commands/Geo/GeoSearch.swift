import Foundation

/// Searching a sorted set of geohashes for the points inside a circle or a box.
///
/// A sorted set only answers *score ranges* quickly, and one geohash box is exactly one score
/// range: all the 52-bit hashes that start with the box's bits. So the search is:
///
/// 1. Pick a precision `step` whose boxes are about as large as the search radius
///    (`estimateStep`): start from the whole world and halve until a box is smaller than the
///    radius, then back off two steps, and one or two more near the poles, where boxes of a
///    given step are narrower in metres.
/// 2. Take the box holding the centre and its 8 neighbours (north, south, east, west and the
///    four corners): together they surely cover the search area. If a neighbour turns out not
///    to reach the edge of the area's bounding box, use one step coarser. Neighbours lying
///    entirely outside the bounding box are dropped.
/// 3. For each of those 9 boxes, walk its score range in the sorted set and keep the points
///    whose real distance passes the exact test (haversine for a circle, the box rule for a
///    box). This is done in a fixed order (centre, N, S, E, W, NE, NW, SE, SW), which is the
///    order of an unsorted reply.
///
/// At a very coarse step two neighbours can be the same box; like Redis, a box equal to the one
/// walked just before it is skipped (but never when the previous one was the centre box, a
/// Redis quirk kept on purpose so that replies match).
enum GeoSearch {
    /// The radius (m) of the Web Mercator world, the size of the step-0 box.
    static let mercatorMax = 20037726.37

    /// What to search: a circle of `radius` or a `width` × `height` box around a centre. Sizes
    /// are in the request's unit; `unit` is metres per unit.
    struct Shape {
        enum Kind {
            case radius(Double)
            case box(width: Double, height: Double)
        }
        var longitude: Double
        var latitude: Double
        var kind: Kind
        var unit: Double
    }

    /// One matching point.
    struct Point {
        var member: Bytes
        var score: Double
        var distance: Double
        var longitude: Double
        var latitude: Double
    }

    // MARK: Step 1: precision

    /// The geohash step whose boxes roughly match `radius` metres at `latitude`.
    static func estimateStep(radius: Double, latitude: Double) -> UInt8 {
        if radius == 0 { return GeoHash.maxStep }
        var range = radius
        var step = 1
        while range < mercatorMax {
            range *= 2
            step += 1
        }
        step -= 2
        if latitude > 66 || latitude < -66 {
            step -= 1
            if latitude > 80 || latitude < -80 { step -= 1 }
        }
        return UInt8(min(max(step, 1), Int(GeoHash.maxStep)))
    }

    /// The bounding box of the search area in degrees: (min lon, min lat, max lon, max lat).
    /// The longitude span is taken at the latitude edge nearer the pole, where it is widest.
    static func boundingBox(_ shape: Shape) -> (minLon: Double, minLat: Double, maxLon: Double, maxLat: Double) {
        let halfHeight: Double, halfWidth: Double
        switch shape.kind {
        case .radius(let r): (halfHeight, halfWidth) = (r * shape.unit, r * shape.unit)
        case .box(let w, let h): (halfHeight, halfWidth) = (shape.unit * (h / 2), shape.unit * (w / 2))
        }
        let latDelta = GeoDistance.degrees(halfHeight / GeoDistance.earthRadius)
        let lonDeltaTop = GeoDistance.degrees(halfWidth / GeoDistance.earthRadius / cos(GeoDistance.radians(shape.latitude + latDelta)))
        let lonDeltaBottom = GeoDistance.degrees(halfWidth / GeoDistance.earthRadius / cos(GeoDistance.radians(shape.latitude - latDelta)))
        let lonDelta = shape.latitude < 0 ? lonDeltaBottom : lonDeltaTop
        return (shape.longitude - lonDelta, shape.latitude - latDelta, shape.longitude + lonDelta, shape.latitude + latDelta)
    }

    // MARK: Step 2: the 9 boxes

    /// The 9 boxes to walk, in Redis's order (centre, N, S, E, W, NE, NW, SE, SW); dropped
    /// neighbours are `GeoHashBits.zero`.
    static func boxes(for shape: Shape) -> [GeoHashBits] {
        let bounds = boundingBox(shape)
        let radiusMetres: Double
        switch shape.kind {
        case .radius(let r): radiusMetres = r * shape.unit
        case .box(let w, let h): radiusMetres = ((w / 2) * (w / 2) + (h / 2) * (h / 2)).squareRoot() * shape.unit
        }
        var step = estimateStep(radius: radiusMetres, latitude: shape.latitude)
        var center = encodeCenter(shape, step: step)

        // A neighbour that does not reach the bounding box's edge means the boxes are too small.
        let north = GeoHash.area(of: GeoHash.neighbour(center, dx: 0, dy: 1))
        let south = GeoHash.area(of: GeoHash.neighbour(center, dx: 0, dy: -1))
        let east = GeoHash.area(of: GeoHash.neighbour(center, dx: 1, dy: 0))
        let west = GeoHash.area(of: GeoHash.neighbour(center, dx: -1, dy: 0))
        let tooSmall = north.latitude.max < bounds.maxLat || south.latitude.min > bounds.minLat
            || east.longitude.max < bounds.maxLon || west.longitude.min > bounds.minLon
        if step > 1 && tooSmall {
            step -= 1
            center = encodeCenter(shape, step: step)
        }
        let area = GeoHash.area(of: center)

        // Centre, N, S, E, W, NE, NW, SE, SW as (dx, dy).
        let moves = [(0, 0), (0, 1), (0, -1), (1, 0), (-1, 0), (1, 1), (-1, 1), (1, -1), (-1, -1)]
        var result = moves.map { GeoHash.neighbour(center, dx: $0.0, dy: $0.1) }
        if step >= 2 {
            let dropSouth = area.latitude.min < bounds.minLat
            let dropNorth = area.latitude.max > bounds.maxLat
            let dropWest = area.longitude.min < bounds.minLon
            let dropEast = area.longitude.max > bounds.maxLon
            for (i, (dx, dy)) in moves.enumerated() where i > 0 {
                if (dy == -1 && dropSouth) || (dy == 1 && dropNorth) || (dx == -1 && dropWest) || (dx == 1 && dropEast) {
                    result[i] = .zero
                }
            }
        }
        return result
    }

    private static func encodeCenter(_ shape: Shape, step: UInt8) -> GeoHashBits {
        GeoHash.encode(longitude: shape.longitude, latitude: shape.latitude, step: step) ?? GeoHashBits(bits: 0, step: step)
    }

    // MARK: Step 3: candidates

    /// The distance (m) from the centre when the point at `score` lies inside the shape.
    static func test(_ shape: Shape, point: (longitude: Double, latitude: Double)) -> Double? {
        let center = (shape.longitude, shape.latitude)
        switch shape.kind {
        case .radius(let r):
            return GeoDistance.distanceIfInRadius(center: center, point: (point.longitude, point.latitude), radius: r * shape.unit)
        case .box(let w, let h):
            return GeoDistance.distanceIfInBox(center: center, point: (point.longitude, point.latitude),
                                               width: w * shape.unit, height: h * shape.unit)
        }
    }

    /// The points of `zset` inside `shape`, in walk order; stops once `limit` points are found
    /// (0: no limit), as ANY does.
    static func points(in zset: SortedSetValue, shape: Shape, limit: Int) -> [Point] {
        let boxes = boxes(for: shape)
        var found: [Point] = []
        var lastWalked = 0
        for i in boxes.indices {
            let box = boxes[i]
            if box.isZero { continue }
            if lastWalked != 0 && box == boxes[lastWalked] { continue }
            if !found.isEmpty && limit > 0 && found.count >= limit { break }
            collect(zset, box: box, shape: shape, limit: limit, into: &found)
            lastWalked = i
        }
        return found
    }

    /// Appends the points of one box's score range [min, max) that pass the shape's test.
    private static func collect(_ zset: SortedSetValue, box: GeoHashBits, shape: Shape, limit: Int, into found: inout [Point]) {
        let min = Double(box.aligned52)
        let max = Double(GeoHashBits(bits: box.bits &+ 1, step: box.step).aligned52)
        let range = ScoreRange(min: min, max: max, maxExclusive: true)
        guard let start = zset.list.first(in: range) else { return }
        var node = start.node
        while node != SkipList.none {
            let score = zset.list.score(node)
            guard range.isBelowMax(score) else { break }
            let point = GeoHash.decode(score: score)
            if let d = test(shape, point: point) {
                found.append(Point(member: zset.list.member(node), score: score, distance: d,
                                   longitude: point.longitude, latitude: point.latitude))
                if limit > 0 && found.count >= limit { break }
            }
            node = zset.list.next(node)
        }
    }
}

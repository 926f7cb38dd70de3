/// A Redis sorted set. (Completed by the sorted-sets work of issue #3.)
public struct SortedSetValue {
    public var scores: [Bytes: Double]

    public init(_ scores: [Bytes: Double] = [:]) {
        self.scores = scores
    }

    public var count: Int { scores.count }
}

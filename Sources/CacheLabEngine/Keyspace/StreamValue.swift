/// A Redis stream. (Completed by the streams work of issue #4.)
public struct StreamValue {
    public var length: Int = 0

    public init() {}

    public var count: Int { length }
}

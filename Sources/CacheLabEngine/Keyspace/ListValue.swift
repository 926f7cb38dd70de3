import DequeModule

/// A Redis list. (Completed by the lists work of issue #3.)
public struct ListValue {
    public var items: Deque<Bytes>

    public init(_ items: Deque<Bytes> = []) {
        self.items = items
    }

    public var count: Int { items.count }
}

/// A Redis set. (Completed by the sets work of issue #3.)
public struct SetValue {
    public var members: Set<Bytes>

    public init(_ members: Set<Bytes> = []) {
        self.members = members
    }

    public var count: Int { members.count }
}

/// A Redis hash. (Completed by the hashes work of issue #3.)
public struct HashValue {
    public var fields: [Bytes: Bytes]

    public init(_ fields: [Bytes: Bytes] = [:]) {
        self.fields = fields
    }

    public var count: Int { fields.count }
}

import Testing
@testable import CacheLabEngine

/// The node builder that SAVE uses for lists, checked against the plain way of building the
/// same nodes with `Listpack.Encoder`.
@Suite struct ListpackNodeBuilderTests {
    /// The reference: items appended through the encoder, which applies a quicklist's test
    /// for starting a new node on its own.
    static func referenceNodes(_ items: [Bytes], fill: Int) -> [[UInt8]] {
        let limits = QuicklistFill(fill)
        var nodes: [[UInt8]] = []
        var node = Listpack.Encoder()
        for item in items where !node.append(item, fill: limits) {
            nodes.append(node.finish())
            node = Listpack.Encoder()
            node.append(item)
        }
        if node.count > 0 { nodes.append(node.finish()) }
        return nodes
    }

    static func builtNodes(_ items: [Bytes], fill: Int) -> [[UInt8]] {
        var nodes: [[UInt8]] = []
        let count = ListpackNodeBuilder.forEachNode(of: items, fill: fill) { nodes.append(Array($0)) }
        #expect(count == nodes.count)
        return nodes
    }

    /// Every kind of entry: each integer width at its edges, strings of every length class
    /// (inline, heap, 64 and 4096 bytes), integer-looking strings that are not canonical.
    static let mixedItems: [Bytes] = {
        var items: [Bytes] = []
        let edges: [Int64] = [0, 127, 128, -1, -4096, 4095, 4096, -4097, 32767, -32768, 32768,
                              8_388_607, -8_388_608, 8_388_608, 2_147_483_647, -2_147_483_648,
                              2_147_483_648, Int64.max, Int64.min]
        items += edges.map { Bytes(integer: $0) }
        items += ["", "a", "-", "007", "-0", "1e3", " 1", "element:12345", "fourteen bytes", "fifteen bytes!!",
                  "99999999999999999999", "-9223372036854775809"]
        for length in [63, 64, 127, 200, 4095, 4096, 10_000, 20_000] {
            items.append(Bytes([UInt8](repeating: UInt8(length % 251), count: length)))
        }
        return items
    }()

    @Test(arguments: [-1, -2, -3, -5, -9, 0, 1, 3, 128])
    func nodesMatchTheEncoderByteForByte(fill: Int) {
        var items: [Bytes] = []
        var state: UInt64 = 42
        for _ in 0..<6000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let pick = Int(state >> 33)
            items.append(pick % 7 == 0 ? Self.mixedItems[pick % Self.mixedItems.count] : Bytes("element:\(pick % 100_000)"))
        }
        let built = Self.builtNodes(items, fill: fill)
        #expect(built == Self.referenceNodes(items, fill: fill))
    }

    @Test func largeListsSplitIntoEightKilobyteNodes() throws {
        let items = (0..<3000).map { Bytes(integer: Int64($0)) }
        let nodes = Self.builtNodes(items, fill: -2)
        #expect(nodes.count > 1)
        #expect(nodes.allSatisfy { $0.count <= 8192 })
        #expect(try nodes.flatMap { try Listpack.decode($0).map(\.bytes) } == items)
    }

    @Test func anElementTooBigForANodeGetsOneOfItsOwn() throws {
        let big = Bytes([UInt8](repeating: 7, count: 9000))
        let nodes = Self.builtNodes(["a", big, "b"], fill: -2)
        #expect(nodes.count == 3)
        #expect(try Listpack.decode(nodes[1]).map(\.bytes) == [big])
    }

    /// A list whose nodes take more than the writer's buffer is sent with its node count put
    /// in front as it goes out: the file must still load, checksum included, with the keys
    /// around it intact.
    @Test(arguments: [true, false])
    func longListsRoundTripThroughAFile(compression: Bool) throws {
        let engine = Engine(clock: .manual())
        var state: UInt64 = 7
        let items = (0..<40_000).map { _ -> Bytes in
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Bytes("item:\(state >> 20)")
        }
        engine.databases[0].add("a", .string("before"))
        engine.databases[0].add("long", .list(ListValue(.init(items))))
        engine.databases[0].add("short", .list(ListValue(["x", "1"])))
        engine.databases[0].add("z", .string("after"))
        let file = RDBWriter.serialize(engine.snapshotKeyspace(), options: .init(compression: compression, checksum: true))
        #expect(file.count > 2 * RDBWriter.flushThreshold)
        let other = Engine(clock: .manual())
        try other.install(try RDBReader.load(file, file: "mem"), merge: false)
        #expect(KeyspaceImage(other) == KeyspaceImage(engine))
    }
}

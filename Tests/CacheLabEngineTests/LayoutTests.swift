import Testing
@testable import CacheLabEngine

@Suite struct LayoutTests {
    @Test func bytesIsSixteenBytes() {
        #expect(MemoryLayout<Bytes>.size == 16)
        // Every key of the keyspace pays for one Entry: large payloads must stay boxed.
        #expect(MemoryLayout<Entry>.stride == 24)
        print("Bytes", MemoryLayout<Bytes>.size, "Value", MemoryLayout<Value>.size, "Entry", MemoryLayout<Entry>.stride,
              "String", MemoryLayout<StringValue>.size, "List", MemoryLayout<ListValue>.size, "Hash", MemoryLayout<HashValue>.size,
              "Set", MemoryLayout<SetValue>.size, "ZSet", MemoryLayout<SortedSetValue>.size, "Stream", MemoryLayout<StreamValue>.size)
    }

    @Test func inlineAndHeapRoundTrip() {
        let short: Bytes = "key:123"
        let long = Bytes(Array(repeating: 120, count: 40))
        #expect(short.count == 7)
        #expect(short.string == "key:123")
        #expect(long.count == 40)
        #expect(Bytes("a\u{0}b").count == 3)
        #expect(Bytes(integer: -123) == "-123")
        #expect(Bytes(integer: Int64.min) == "-9223372036854775808")
        #expect(Bytes("12").int64Value == 12)
        #expect(Bytes("012").int64Value == nil)
        #expect(Bytes("-0").int64Value == nil)
        #expect(Bytes("9223372036854775808").int64Value == nil)
        #expect(Bytes("-9223372036854775808").int64Value == Int64.min)
    }

    @Test func keyTableScanCoversEveryKey() {
        var table = KeyTable<Int>()
        for i in 0..<1000 { table.set(Bytes(integer: i), i) }
        for i in stride(from: 0, to: 1000, by: 3) { table.remove(Bytes(integer: i)) }
        var seen = Set<Bytes>()
        var cursor: UInt64 = 0
        repeat {
            cursor = table.scanStep(cursor: cursor) { seen.insert(table.key(at: $0)) }
        } while cursor != 0
        #expect(seen.count == table.count)
        for i in 0..<1000 { #expect(table[Bytes(integer: i)] == (i % 3 == 0 ? nil : i)) }
    }
}

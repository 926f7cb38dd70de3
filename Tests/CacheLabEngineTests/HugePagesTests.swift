import Testing
@testable import CacheLabEngine

/// Huge pages (`HugePages`) are a request to the kernel that changes speed, never contents:
/// only whole 2 MB pages inside a buffer are asked for, and a table that asked keeps every key.
@Suite struct HugePagesTests {
    static let page = HugePages.size

    /// A buffer at `offset` bytes past a 2 MB boundary, `count` bytes long (never dereferenced).
    static func buffer(offset: Int, count: Int) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(start: UnsafeRawPointer(bitPattern: 64 * page + offset), count: count)
    }

    @Test func onlyWholePagesInsideTheBufferAreAskedFor() throws {
        // Starts 16 bytes into a page: the first whole page starts at the next boundary.
        let range = try #require(HugePages.wholePages(in: Self.buffer(offset: 16, count: 5 * Self.page), upTo: 5 * Self.page))
        #expect(UInt(bitPattern: range.start) == UInt(65 * Self.page))
        #expect(range.count == 4 * Self.page)
        // An aligned buffer of exactly two pages is two pages.
        let aligned = try #require(HugePages.wholePages(in: Self.buffer(offset: 0, count: 2 * Self.page), upTo: 2 * Self.page))
        #expect(aligned.count == 2 * Self.page)
    }

    @Test func aBufferHoldingNoWholePageIsLeftAlone() {
        #expect(HugePages.wholePages(in: Self.buffer(offset: 0, count: Self.page - 1), upTo: Self.page) == nil)
        // One page long but off a boundary: no page lies wholly inside. Two pages long and
        // off a boundary: one does.
        #expect(HugePages.wholePages(in: Self.buffer(offset: 1, count: Self.page), upTo: Self.page) == nil)
        #expect(HugePages.wholePages(in: Self.buffer(offset: 1, count: 2 * Self.page), upTo: 2 * Self.page)?.count == Self.page)
    }

    @Test func theWrittenPartIsCutAtItsLastWholePage() throws {
        let buffer = Self.buffer(offset: 0, count: 8 * Self.page)
        let written = try #require(HugePages.wholePages(in: buffer, upTo: 3 * Self.page + 100))
        #expect(written.count == 3 * Self.page)
        #expect(HugePages.wholePages(in: buffer, upTo: Self.page - 1) == nil)
        // Never past the buffer, whatever is claimed written.
        #expect(HugePages.wholePages(in: buffer, upTo: 20 * Self.page)?.count == 8 * Self.page)
    }

    /// A table big enough that its index and dense arrays ask for huge pages as they grow
    /// (over 4 MB each) still finds every key, and loses none when it shrinks again.
    @Test func aTableBigEnoughForHugePagesKeepsEveryKey() {
        var table = KeyTable<Int>()
        let n = 300_000
        for i in 0..<n { table.insertNew(Bytes("key:\(i)"), i) }
        #expect(table.keys.capacity * MemoryLayout<Bytes>.stride >= 2 * Self.page)
        #expect(table.capacity * MemoryLayout<UInt64>.stride >= 2 * Self.page)
        #expect(table.count == n)
        #expect((0..<n).allSatisfy { table[Bytes("key:\($0)")] == $0 })
        for i in stride(from: 0, to: n, by: 2) { table.remove(Bytes("key:\(i)")) }
        #expect((0..<n).allSatisfy { table[Bytes("key:\($0)")] == ($0 % 2 == 0 ? nil : $0) })
    }

    @Test func reservingRoomAsksForHugePagesAndKeepsTheTableWorking() {
        var table = KeyTable<Int>()
        table.set("before", 1)
        table.reserveCapacity(400_000)
        #expect(table.keys.capacity >= 400_000)
        #expect(table["before"] == 1)
        for i in 0..<1000 { table.insertNew(Bytes("k\(i)"), i) }
        #expect(table.count == 1001)
        #expect(table["k999"] == 999)
    }
}

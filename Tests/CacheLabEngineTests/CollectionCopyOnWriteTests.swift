import Testing
@testable import CacheLabEngine

/// Sets and sorted sets share their storage between copies until one of them changes (see
/// `SetValue`): a copy, such as a BGSAVE snapshot or COPY's new key, must never see a later
/// write to the original, nor the original a write to the copy.
struct CollectionCopyOnWriteTests {
    @Test func aSetCopyKeepsItsMembersWhenTheOriginalChanges() {
        var original = SetValue([Bytes("a"), Bytes("b")])
        let snapshot = original
        original.insert(Bytes("c"), maxIntsetEntries: 512)
        original.remove(Bytes("a"))
        #expect(Set(snapshot.members) == [Bytes("a"), Bytes("b")])
        #expect(Set(original.members) == [Bytes("b"), Bytes("c")])
    }

    @Test func anIntsetCopySurvivesTheOriginalsConversion() {
        var original = SetValue([Bytes("1"), Bytes("2")])
        var copy = original
        original.insert(Bytes("x"), maxIntsetEntries: 512)
        copy.insert(Bytes("3"), maxIntsetEntries: 512)
        #expect(original.encoding == "hashtable")
        #expect(copy.encoding == "intset")
        #expect(copy.members == [Bytes("1"), Bytes("2"), Bytes("3")])
        #expect(Set(original.members) == [Bytes("1"), Bytes("2"), Bytes("x")])
    }

    @Test func aSortedSetCopyKeepsItsScoresWhenTheOriginalChanges() {
        let limits = SortedSetValue.Limits(maxEntries: 128, maxValue: 64)
        var original = SortedSetValue([Bytes("a"): 1, Bytes("b"): 2])
        let snapshot = original
        _ = original.add(Bytes("a"), score: 10, options: [], limits: limits)
        original.remove(Bytes("b"))
        _ = original.add(Bytes("c"), score: 3, options: [], limits: limits)
        #expect(snapshot.score(of: Bytes("a")) == 1)
        #expect(snapshot.score(of: Bytes("b")) == 2)
        #expect(snapshot.score(of: Bytes("c")) == nil)
        #expect(snapshot.rank(of: Bytes("b")) == 1)
        #expect(original.rank(of: Bytes("a")) == 1)
        #expect(original.count == 2)
    }
}

import Testing
@testable import CacheLabEngine

/// Counts of random draws whose reply could never be built are refused with a range error,
/// and the session goes on: the process used to stop on the allocation.
@Suite struct ReplyCapacityTests {
    @Test func hugeNegativeCountsAreRefusedNotFatal() {
        let h = StringHarness()
        h.run("SADD s a b c")
        h.run("HSET h f v")
        h.run("ZADD z 1 m")
        for huge in ["-9223372036854775807", "-4611686018427387904"] {
            #expect(h.run("SRANDMEMBER s \(huge)") == ReplyCapacity.tooLarge)
            #expect(h.run("HRANDFIELD h \(huge)") == ReplyCapacity.tooLarge)
            #expect(h.run("ZRANDMEMBER z \(huge)") == ReplyCapacity.tooLarge)
        }
        #expect(h.run("HRANDFIELD h -4611686018427387903 WITHVALUES") == ReplyCapacity.tooLarge)
        #expect(h.run("ZRANDMEMBER z -4611686018427387903 WITHSCORES") == ReplyCapacity.tooLarge)
        // A missing key still answers an empty array, as in Redis.
        #expect(h.run("SRANDMEMBER nokey -9223372036854775807") == .array([]))
        // Ordinary counts are untouched.
        guard case .array(let draws) = h.run("SRANDMEMBER s -5") else {
            Issue.record("SRANDMEMBER s -5 is not an array")
            return
        }
        #expect(draws.count == 5)
        #expect(h.run("HRANDFIELD h -2") == .array([.bulk("f"), .bulk("f")]))
        #expect(ReplyCapacity.maximumElements > 1_000_000)
    }
}

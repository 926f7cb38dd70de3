/// Plain `ZRANGE key start stop` and `ZREVRANGE key start stop`: the members of a run of
/// ranks, copied from the skiplist straight into one `BulkStrings`.
///
/// This is the sorted-set read that matters most for speed (a leaderboard's top 100), and at
/// 100 members the copying is most of the command. The range's first node is found by rank,
/// one O(log n) search through the spans; then the level-1 links give the rest in order:
/// forward links for ZRANGE, backward pointers for ZREVRANGE.
///
/// The reply's size is not known before the members are read. Most members are short and
/// live inside their 16-byte `Bytes` (at most 14 bytes each), so the usual path reserves
/// room for n short members and copies each one as it walks: one pass. When it meets a
/// longer member it gives up and the exact path runs instead, in two passes: one walk (back
/// from the far end, along the backward pointers that share a cache line with the members)
/// to note the nodes and add up their lengths, then the copy into a buffer of exactly that
/// size. Long ranges take the exact path from the start, so as not to reserve much more
/// memory than they use.
extension SortedSetCommands {
    /// The longest range read in one pass, reserving room for short members only.
    static let onePassLimit = 1024

    /// The members of ranks `start...end` after Redis's clamping, in reply order.
    static func rankMembers(_ zset: SortedSetValue, _ start: Int64, _ end: Int64, reverse: Bool,
                            reusing spare: inout BulkStrings.Spare) -> BulkStrings {
        guard let (start, n) = clampedRanks(start, end, count: Int64(zset.count)) else { return BulkStrings() }
        if n <= onePassLimit,
           let members = shortMembersInOnePass(zset, from: start, count: n, reverse: reverse, reusing: &spare) {
            return members
        }
        return membersInTwoPasses(zset, from: start, count: n, reverse: reverse)
    }

    /// The one-pass path: nil as soon as a member longer than `Bytes.inlineCapacity` comes.
    private static func shortMembersInOnePass(_ zset: SortedSetValue, from start: Int, count n: Int,
                                              reverse: Bool, reusing spare: inout BulkStrings.Spare) -> BulkStrings? {
        let list = zset.list
        let first = list.node(atRank: reverse ? zset.count - start : start + 1)
        return list.slots.withUnsafeBufferPointer { slots in
            list.links.withUnsafeBufferPointer { links in
                BulkStrings(count: n, byteLimit: n &* Bytes.inlineCapacity, reusing: &spare) { writer in
                    let address = { (node: Int) in memberAddress(in: slots, node) }
                    // Level 1 of a node is its first link, at the node's own index.
                    return reverse
                        ? writer.appendShortStrings(n, from: Int(first), at: address) { Int(slots[$0].backward) }
                        : writer.appendShortStrings(n, from: Int(first), at: address) { Int(links[$0].forward) }
                }
            }
        }
    }

    /// The exact path, for long ranges and long members.
    private static func membersInTwoPasses(_ zset: SortedSetValue, from start: Int, count n: Int,
                                           reverse: Bool) -> BulkStrings {
        let list = zset.list
        let last = list.node(atRank: reverse ? zset.count - start : start + n)
        return withUnsafeTemporaryAllocation(of: SkipList.Node.self, capacity: n) { walked in
            list.slots.withUnsafeBufferPointer { slots in
                var node = last
                var total = 0
                for i in 0..<n {
                    walked[i] = node
                    total &+= slots[Int(node)].member.count
                    node = slots[Int(node)].backward
                }
                return BulkStrings(count: n, byteCount: total) { writer in
                    // Reply order: the walk's for ZREVRANGE, its reverse for ZRANGE.
                    var next = reverse ? walked.baseAddress! : walked.baseAddress! + (n &- 1)
                    let step = reverse ? 1 : -1
                    for _ in 0..<n {
                        writer.append(stringAt: memberAddress(in: slots, Int(next.pointee)))
                        next += step
                    }
                }
            }
        }
    }

    /// Where the member of `node` is stored, for copying it without taking it out
    /// (`BulkStrings.Writer.append(stringAt:)`).
    @inline(__always)
    private static func memberAddress(in slots: UnsafeBufferPointer<SkipList.Slot>, _ node: Int) -> UnsafePointer<Bytes> {
        let slot = UnsafeRawPointer(slots.baseAddress! + node)
        return (slot + MemoryLayout<SkipList.Slot>.offset(of: \.member)!).assumingMemoryBound(to: Bytes.self)
    }
}

/// Trimming a stream from its oldest end: XTRIM, and the MAXLEN / MINID options of XADD.
///
/// The algorithm is Redis's `streamTrim`, node by node from the head:
///
/// 1. Stop when the goal is met (MAXLEN: length ≤ maxlen) or when removing the next node
///    would exceed the LIMIT of entries to delete.
/// 2. If the whole node can go (MAXLEN: what remains is still ≥ maxlen; MINID: the node's
///    last ID, tombstones included, is below the minimum), drop it in one step.
/// 3. Otherwise, with `~` (approximate) stop here: only whole nodes are ever removed, which
///    is cheap, and the stream keeps a few more entries than asked.
/// 4. Without `~`, flag entries of this node as deleted one by one until the goal is met,
///    and stop: the next nodes need no trimming.
extension StreamValue {
    /// What to trim by.
    public enum TrimStrategy {
        /// Keep at most this many entries.
        case maxLength(Int64)
        /// Remove entries with an ID below this one.
        case minID(StreamID)
    }

    /// Trims the stream; returns the number of entries deleted.
    /// - Parameters:
    ///   - approximate: only remove whole nodes (`~`).
    ///   - limit: the most entries to delete, 0 for no limit.
    ///   - errnoCleared: set when Redis's trim would leave `errno` at 0: its walk over the
    ///     nodes ran out, or it trimmed inside a node (and stored the node again, an insert
    ///     that finds its key).
    @discardableResult
    mutating func trim(_ strategy: TrimStrategy, approximate: Bool, limit: Int64, errnoCleared: inout Bool) -> Int64 {
        var deleted: Int64 = 0
        defer {
            if length == 0 {
                firstID = .zero
            } else if deleted > 0 {
                firstID = firstLiveID ?? .zero
            }
        }
        if nodes.isEmpty { errnoCleared = true }
        while let head = nodes.first {
            if case .maxLength(let maxLength) = strategy, Int64(length) <= maxLength { break }
            let entries = Int64(head.liveCount)
            if limit != 0 && deleted + entries > limit { break }

            let removeWholeNode: Bool
            switch strategy {
            case .maxLength(let maxLength): removeWholeNode = Int64(length) - entries >= maxLength
            case .minID(let minID): removeWholeNode = head.lastID < minID
            }
            if removeWholeNode {
                nodes.removeFirst()
                length -= Int(entries)
                deleted += entries
                if nodes.isEmpty { errnoCleared = true }
                continue
            }
            if approximate { break }
            deleted += trimInsideHead(strategy)
            errnoCleared = true
            break
        }
        return deleted
    }

    /// Flags entries of the first node as deleted from its start until the goal is met.
    private mutating func trimInsideHead(_ strategy: TrimStrategy) -> Int64 {
        var deleted: Int64 = 0
        let count = nodes[0].items.count
        for i in 0..<count {
            switch strategy {
            case .maxLength(let maxLength):
                if Int64(length) <= maxLength { return deleted }
            case .minID(let minID):
                if nodes[0].items[i].id >= minID { return deleted }
            }
            if nodes[0].markDeleted(at: i) {
                length -= 1
                deleted += 1
            }
        }
        return deleted
    }
}

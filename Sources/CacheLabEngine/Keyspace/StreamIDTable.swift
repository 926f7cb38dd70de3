/// An ordered map from stream IDs to values: the pending entries lists of consumer groups.
///
/// Redis keeps each pending entries list (PEL) in a radix tree, so it can find an ID, walk
/// IDs in order from any point, and insert or remove anywhere in O(log n). CacheLab uses a
/// two-level sorted array instead: a list of chunks of at most `chunkCapacity` IDs, each
/// chunk sorted and every chunk's IDs below the next chunk's. A lookup binary-searches the
/// chunks by their first ID, then the chunk; an insertion or removal moves at most one
/// chunk's elements (a full chunk splits in two, an empty one goes away). Appending IDs in
/// increasing order, the common case as messages are delivered, fills the last chunk.
struct StreamIDTable<Value> {
    private struct Chunk {
        var ids: [StreamID]
        var values: [Value]
    }

    static var chunkCapacity: Int { 128 }

    private var chunks: [Chunk] = []
    /// Number of IDs in the table.
    private(set) var count = 0

    init() {}

    var isEmpty: Bool { count == 0 }

    /// The chunk that holds `id` or would hold it: the last chunk whose first ID is at or
    /// before `id`, or the first chunk.
    private func chunkIndex(for id: StreamID) -> Int {
        var low = 0, high = chunks.count
        while low < high {
            let mid = (low + high) / 2
            if chunks[mid].ids[0] <= id { low = mid + 1 } else { high = mid }
        }
        return Swift.max(0, low - 1)
    }

    /// The position of the first ID at or after `id` within chunk `c`.
    private func slot(of id: StreamID, inChunk c: Int) -> Int {
        let ids = chunks[c].ids
        var low = 0, high = ids.count
        while low < high {
            let mid = (low + high) / 2
            if ids[mid] < id { low = mid + 1 } else { high = mid }
        }
        return low
    }

    /// The value stored for `id`.
    subscript(id: StreamID) -> Value? {
        guard !chunks.isEmpty else { return nil }
        let c = chunkIndex(for: id)
        let s = slot(of: id, inChunk: c)
        guard s < chunks[c].ids.count, chunks[c].ids[s] == id else { return nil }
        return chunks[c].values[s]
    }

    func contains(_ id: StreamID) -> Bool { self[id] != nil }

    /// Inserts `value` for `id` if the ID is absent; returns false (and changes nothing)
    /// when it is present.
    @discardableResult
    mutating func insert(_ id: StreamID, _ value: Value) -> Bool {
        if chunks.isEmpty {
            chunks.append(Chunk(ids: [id], values: [value]))
            count = 1
            return true
        }
        let c = chunkIndex(for: id)
        let s = slot(of: id, inChunk: c)
        if s < chunks[c].ids.count && chunks[c].ids[s] == id { return false }
        chunks[c].ids.insert(id, at: s)
        chunks[c].values.insert(value, at: s)
        count += 1
        if chunks[c].ids.count > Self.chunkCapacity { split(c) }
        return true
    }

    /// Splits an overfull chunk into two halves.
    private mutating func split(_ c: Int) {
        let half = chunks[c].ids.count / 2
        let upper = Chunk(ids: Array(chunks[c].ids[half...]), values: Array(chunks[c].values[half...]))
        chunks[c].ids.removeSubrange(half...)
        chunks[c].values.removeSubrange(half...)
        chunks.insert(upper, at: c + 1)
    }

    /// Removes `id`; returns its value when it was present.
    @discardableResult
    mutating func remove(_ id: StreamID) -> Value? {
        guard !chunks.isEmpty else { return nil }
        let c = chunkIndex(for: id)
        let s = slot(of: id, inChunk: c)
        guard s < chunks[c].ids.count, chunks[c].ids[s] == id else { return nil }
        chunks[c].ids.remove(at: s)
        let value = chunks[c].values.remove(at: s)
        count -= 1
        if chunks[c].ids.isEmpty { chunks.remove(at: c) }
        return value
    }

    /// Changes the value of `id` in place; returns false when the ID is absent.
    @discardableResult
    mutating func modify(_ id: StreamID, _ body: (inout Value) -> Void) -> Bool {
        guard !chunks.isEmpty else { return false }
        let c = chunkIndex(for: id)
        let s = slot(of: id, inChunk: c)
        guard s < chunks[c].ids.count, chunks[c].ids[s] == id else { return false }
        body(&chunks[c].values[s])
        return true
    }

    /// The smallest ID.
    var firstID: StreamID? { chunks.first?.ids.first }
    /// The greatest ID.
    var lastID: StreamID? { chunks.last?.ids.last }

    /// Visits IDs in increasing order from the first at or after `start`, while `body`
    /// returns true. Returns true when the IDs ran out before `body` said stop.
    @discardableResult
    func forEach(from start: StreamID = .zero, _ body: (StreamID, Value) -> Bool) -> Bool {
        guard !chunks.isEmpty else { return true }
        var c = chunkIndex(for: start)
        var s = slot(of: start, inChunk: c)
        while c < chunks.count {
            let chunk = chunks[c]
            while s < chunk.ids.count {
                if !body(chunk.ids[s], chunk.values[s]) { return false }
                s += 1
            }
            c += 1
            s = 0
        }
        return true
    }

    /// The first ID at or after `start`.
    func firstID(atOrAfter start: StreamID) -> StreamID? {
        var found: StreamID?
        forEach(from: start) { id, _ in
            found = id
            return false
        }
        return found
    }

    /// The IDs from `start` on, at most `limit` of them (all when nil).
    func ids(from start: StreamID = .zero, limit: Int? = nil) -> [StreamID] {
        var out: [StreamID] = []
        forEach(from: start) { id, _ in
            if let limit, out.count >= limit { return false }
            out.append(id)
            return true
        }
        return out
    }
}

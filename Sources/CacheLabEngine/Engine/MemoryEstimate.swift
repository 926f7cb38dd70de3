import Foundation

/// An estimate of the memory CacheLab's data takes, for INFO memory.
///
/// Redis asks its allocator how many bytes are in use; Swift has no such counter. So this
/// adds up what can actually be counted: the bytes of every key and value, the slots of the
/// key tables, and the fixed layout of the structures that hold them (`MemoryLayout` sizes,
/// array and hash-table headers). It is an estimate of CacheLab's own memory, not of what
/// Redis would use for the same data, and it leaves out what cannot be seen from Swift
/// (allocator rounding, free lists, the runtime). It walks the whole keyspace, so it costs
/// time proportional to the data.
public struct MemoryEstimate: Sendable, Equatable {
    /// Bytes of keys, values and collection elements.
    public var dataset = 0
    /// Bytes of the tables and per-entry structures around them.
    public var overhead = 0
    /// The overhead of the empty databases a fresh engine starts with.
    public var startup = 0

    /// The whole estimate: INFO's `used_memory`.
    public var total: Int { dataset + overhead }

    /// The header Swift puts before the elements of a heap-allocated array or string buffer.
    static let bufferHeader = 32
    /// Hash tables (Dictionary, Set) keep at most 3/4 of their buckets full.
    static func hashTableBytes(count: Int, elementSize: Int) -> Int {
        count == 0 ? 0 : bufferHeader + (count * 4 / 3 + 1) * (elementSize + 1)
    }

    /// The buffer header of a byte string too long to be stored inline.
    @inline(__always) static func heapHeader(_ bytes: Bytes) -> Int {
        bytes.count > Bytes.inlineCapacity ? bufferHeader : 0
    }

    /// The bytes a value's payload takes beyond its slot in the key table, split into data
    /// (element bytes) and overhead (containers).
    static func payload(of value: Value) -> (data: Int, overhead: Int) {
        let byteString = MemoryLayout<Bytes>.stride
        switch value {
        case .string(let s):
            return (s.bytes.count, s.bytes.count > Bytes.inlineCapacity ? bufferHeader : 0)
        case .list(let list):
            var data = 0
            for item in list.items { data += item.count + heapHeader(item) }
            return (data, bufferHeader + list.count * byteString)
        case .hash(let hash):
            var data = 0
            hash.forEach { field, value in
                data += field.count + value.count
                data += heapHeader(field) + heapHeader(value)
            }
            return (data, hashTableBytes(count: hash.count, elementSize: 2 * byteString))
        case .set(let set):
            var data = 0
            for member in set.members { data += member.count + heapHeader(member) }
            return (data, hashTableBytes(count: set.count, elementSize: byteString))
        case .zset(let zset):
            var data = 0
            for member in zset.scores.keys {
                data += member.count + MemoryLayout<Double>.size + heapHeader(member)
            }
            return (data, hashTableBytes(count: zset.count, elementSize: byteString + MemoryLayout<Double>.stride))
        case .stream:
            return (0, MemoryLayout<StreamValue>.size)
        }
    }

    /// The fixed cost of one empty database: its object (a header, its id, its engine
    /// reference, its watchers table) and its two key tables.
    static let emptyDatabase = 16 + 3 * MemoryLayout<Int>.size + MemoryLayout<KeyTable<Entry>>.size
        + MemoryLayout<KeyTable<Int64>>.size
}

extension Engine {
    /// Estimates the memory of the whole keyspace (see `MemoryEstimate`).
    public func estimateMemory() -> MemoryEstimate {
        var estimate = MemoryEstimate()
        estimate.startup = databases.count * MemoryEstimate.emptyDatabase
        estimate.overhead = estimate.startup
        let keySlot = MemoryLayout<Bytes>.stride + MemoryLayout<Entry>.stride + MemoryLayout<UInt32>.stride
        let expireSlot = MemoryLayout<Bytes>.stride + MemoryLayout<Int64>.stride + MemoryLayout<UInt32>.stride
        for db in databases {
            estimate.overhead += db.count * keySlot + db.table.capacity * MemoryLayout<Int32>.stride
            estimate.overhead += db.volatileCount * expireSlot + db.expires.capacity * MemoryLayout<Int32>.stride
            for (key, entry) in zip(db.table.keys, db.table.values) {
                estimate.dataset += key.count
                estimate.overhead += MemoryEstimate.heapHeader(key)
                let (data, overhead) = MemoryEstimate.payload(of: entry.value)
                estimate.dataset += data
                estimate.overhead += overhead
            }
        }
        return estimate
    }
}

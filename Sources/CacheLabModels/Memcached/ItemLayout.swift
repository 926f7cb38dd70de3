/// Which slab chunks one item occupies.
///
/// An item no larger than the largest chunk (512 KB) is one chunk of the smallest class that
/// fits it. A larger one (up to the 1 MB item limit) is *chunked*: a small header chunk holds
/// the item header, the key and an empty link record (`sizeof(item_chunk)`, 48 bytes), and
/// the value (with its `\r\n`) goes into a chain of data chunks. Each data chunk is sized for
/// what is left to store, capped at the largest chunk, and its class is chosen for that size
/// plus its own 48-byte link record; so 600,000 bytes take a 524,288-byte chunk for the
/// first 524,240 and an 82,792-byte one for the remaining 75,762, plus the header's chunk.
///
/// The item still belongs to the LRU of the class its full size maps to (the largest class),
/// whatever classes its chunks come from.
///
/// append and prepend build the combined item by copying the two parts one after the other
/// into a fresh chain. That copy asks for the next chunk as soon as the current one is
/// exactly full, sized for what is left *of the part being copied*, even when nothing is
/// left: such an empty request takes a chunk of the smallest class. A combined chunked item
/// therefore holds a few small chunks more than the same value written by `set`, and this
/// layout reproduces them, because they show in `stats slabs`.
public struct ItemLayout: Equatable, Sendable {
    /// The class of every chunk the item holds: the header (or only) chunk first.
    public var classes: [Int]
    /// For a chunked item, the bytes used in each link of its chain, starting with the
    /// header's empty link; empty for a one-chunk item.
    public var chainUsage: [Int]

    /// `sizeof(item_chunk)` on 64-bit: the link record at the start of every chunk.
    public static let chunkHeaderSize = 48

    public var isChunked: Bool { !chainUsage.isEmpty }

    /// The layout of a value read from a client (`set`, and the data of every storage
    /// command): `valueLength` bytes plus `\r\n`.
    public static func forValue(keyLength: Int, flags: UInt32, valueLength: Int, slabs: SlabClasses) -> ItemLayout? {
        let total = ItemSize.total(keyLength: keyLength, flags: flags, valueLength: valueLength)
        guard total > slabs.largestChunk else {
            return slabs.classFor(totalSize: total).map { ItemLayout(classes: [$0.id], chainUsage: []) }
        }
        guard let header = headerClass(keyLength: keyLength, flags: flags, slabs: slabs) else { return nil }
        var layout = ItemLayout(classes: [header], chainUsage: [0])
        var remaining = valueLength + 2
        while remaining > 0 {
            let (classID, capacity) = dataChunk(for: remaining, slabs: slabs)
            let used = min(capacity, remaining)
            layout.classes.append(classID)
            layout.chainUsage.append(used)
            remaining -= used
        }
        return layout
    }

    /// One part of an append or prepend copy: a run of bytes taken from a one-chunk item, or
    /// from a chunked item's chain (the usage of each link, header link included).
    public enum Part: Sendable {
        case flat(length: Int)
        case chain(usage: [Int], length: Int)
    }

    /// The layout of the combined item of append/prepend: `first` then `second` copied into
    /// a new item of `valueLength` bytes (without its `\r\n`).
    public static func forCopy(keyLength: Int, flags: UInt32, valueLength: Int, first: Part, second: Part, slabs: SlabClasses) -> ItemLayout? {
        let total = ItemSize.total(keyLength: keyLength, flags: flags, valueLength: valueLength)
        guard total > slabs.largestChunk else {
            return slabs.classFor(totalSize: total).map { ItemLayout(classes: [$0.id], chainUsage: []) }
        }
        guard let header = headerClass(keyLength: keyLength, flags: flags, slabs: slabs) else { return nil }
        var chain = CopyChain(slabs: slabs, headerClass: header)
        chain.copy(first)
        chain.copy(second)
        return ItemLayout(classes: chain.classes, chainUsage: chain.used)
    }

    /// The header chunk's class: item header, CAS, key and NUL, flags, and an empty link.
    static func headerClass(keyLength: Int, flags: UInt32, slabs: SlabClasses) -> Int? {
        let size = ItemSize.headerSize + ItemSize.casSize + keyLength + 1 + (flags == 0 ? 0 : 4) + chunkHeaderSize
        return slabs.classFor(totalSize: size)?.id
    }

    /// The class and data capacity of a chunk requested for `remaining` bytes.
    static func dataChunk(for remaining: Int, slabs: SlabClasses) -> (classID: Int, capacity: Int) {
        let size = min(remaining + chunkHeaderSize, slabs.largestChunk)
        return (slabs.classFor(totalSize: size)!.id, size - chunkHeaderSize)
    }

    /// The chain being filled by an append/prepend copy.
    private struct CopyChain {
        let slabs: SlabClasses
        var classes: [Int]
        var capacity: [Int] = [0]
        var used: [Int] = [0]
        /// The link being filled: the first one with room, else the last.
        var current = 0

        init(slabs: SlabClasses, headerClass: Int) {
            self.slabs = slabs
            classes = [headerClass]
        }

        var currentIsFull: Bool { used[current] == capacity[current] }

        mutating func addChunk(for remaining: Int) {
            let (classID, size) = ItemLayout.dataChunk(for: remaining, slabs: slabs)
            classes.append(classID)
            capacity.append(size)
            used.append(0)
            current = capacity.count - 1
        }

        mutating func fill(_ count: Int) {
            used[current] += count
        }

        mutating func copy(_ part: Part) {
            while currentIsFull, current + 1 < capacity.count { current += 1 }
            switch part {
            case .flat(let length):
                var done = 0
                while done < length {
                    let take = min(capacity[current] - used[current], length - done)
                    fill(take)
                    done += take
                    if currentIsFull { addChunk(for: length - done) }
                }
            case .chain(let usage, let length):
                var remaining = length
                var source = 0
                var copied = 0
                while source < usage.count, remaining > 0 {
                    let take = min(capacity[current] - used[current], usage[source] - copied, remaining)
                    fill(take)
                    copied += take
                    remaining -= take
                    if currentIsFull { addChunk(for: remaining) }
                    if copied == usage[source] {
                        copied = 0
                        source += 1
                    }
                }
            }
        }
    }
}

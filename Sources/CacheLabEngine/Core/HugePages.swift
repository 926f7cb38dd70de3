#if canImport(Glibc)
import Glibc
#endif

/// Asking the kernel to back the engine's big tables with 2 MB pages.
///
/// Every load from memory needs the page's physical address. The CPU keeps the translations
/// it used last in its TLB, a few thousand of them. With 4 KB pages those cover about 8 MB;
/// a million keys fill about 60 MB of tables (index, keys, values, hashes). A lookup lands on
/// a random slot of the index, and eviction samples keys at random positions of the keys and
/// values arrays, so nearly every such load misses the TLB as well as the cache, and the CPU
/// walks the page tables first: in a virtual machine, two levels of them, each walk a few
/// more loads that can miss the cache too. With 2 MB pages the same 60 MB is 30 pages, and
/// the walks all but vanish.
///
///     4 KB pages:   load → TLB miss → page walk (guest, then host) → cache miss → data
///     2 MB pages:   load → TLB hit  →                                 cache miss → data
///
/// Linux backs ordinary memory with 2 MB pages ("transparent huge pages") when its setting
/// in /sys/kernel/mm/transparent_hugepage/enabled is `always`, or when it is `madvise` (the
/// usual default) and the program asks for a range with `madvise(MADV_HUGEPAGE)`. A range
/// asked for before it is first written gets 2 MB pages as it is written; memory already
/// written in 4 KB pages is copied into 2 MB pages by `MADV_COLLAPSE` (Linux 6.1 and later;
/// elsewhere the request fails and the pages stay small, which changes speed, never results).
/// memcached offers the same with its `-L` option. Redis goes the other way and turns huge
/// pages off for itself, because it forks to save snapshots, and after a fork a write to one
/// byte copies its whole page: 2 MB instead of 4 KB. CacheLab saves without forking (see
/// `Snapshot`), so that cost does not arise.
///
/// Only whole 2 MB pages inside a buffer are asked for, so a small table is left alone and a
/// big one wastes at most the unwritten part of its last huge page.
enum HugePages {
    /// The size of a huge page on x86-64 and on arm64 with 4 KB base pages.
    static let size = 2 << 20

    /// The smallest buffer worth asking for: two huge pages, so that at least one lies
    /// wholly inside it wherever it starts.
    static let smallestBuffer = 2 * size

    /// Asks for 2 MB pages over the whole 2 MB pages inside `buffer`, and collapses the first
    /// `written` bytes of it (already written in small pages) into them. A buffer smaller
    /// than `smallestBuffer` is left alone.
    static func back(_ buffer: UnsafeRawBufferPointer, written: Int = 0) {
        #if os(Linux)
        guard buffer.count >= smallestBuffer, let range = wholePages(in: buffer, upTo: buffer.count) else { return }
        _ = madvise(UnsafeMutableRawPointer(mutating: range.start), range.count, MADV_HUGEPAGE)
        if let touched = wholePages(in: buffer, upTo: written) {
            _ = madvise(UnsafeMutableRawPointer(mutating: touched.start), touched.count, madviseCollapse)
        }
        #endif
    }

    /// Linux's MADV_COLLAPSE, newer than the C headers Swift sees here.
    private static var madviseCollapse: Int32 { 25 }

    /// The whole huge pages among the first `length` bytes of `buffer`, if any.
    static func wholePages(in buffer: UnsafeRawBufferPointer, upTo length: Int)
        -> (start: UnsafeRawPointer, count: Int)? {
        guard let base = buffer.baseAddress, length >= size else { return nil }
        let address = UInt(bitPattern: base)
        let first = (address + UInt(size) - 1) & ~UInt(size - 1)
        let end = (address + UInt(min(length, buffer.count))) & ~UInt(size - 1)
        guard end > first, let start = UnsafeRawPointer(bitPattern: first) else { return nil }
        return (start, Int(end - first))
    }
}

extension Array {
    /// Asks for 2 MB pages under this array's storage (see `HugePages`): its whole capacity,
    /// collapsing the part its elements already occupy.
    func adviseHugePages() {
        guard capacity * MemoryLayout<Element>.stride >= HugePages.smallestBuffer else { return }
        withUnsafeBufferPointer { elements in
            guard let base = elements.baseAddress else { return }
            let stride = MemoryLayout<Element>.stride
            HugePages.back(UnsafeRawBufferPointer(start: base, count: capacity * stride),
                           written: count * stride)
        }
    }
}

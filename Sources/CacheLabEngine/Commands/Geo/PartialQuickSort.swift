/// A partial quicksort: sorts only as much of an array as needed to put the right elements,
/// in order, at positions `low...high`, as Redis does for `GEOSEARCH ... COUNT n` (it only
/// needs the first n results sorted).
///
/// It is the classic Bentley–McIlroy quicksort: the pivot is the median of three (of three
/// medians-of-three for more than 40 elements); one pass splits the array into
/// `< pivot | == pivot | > pivot`, gathering elements equal to the pivot at both ends first and
/// swapping them into the middle afterwards; arrays under 7 elements use insertion sort. The
/// partial twist: a side is only sorted further when it overlaps `low...high`.
///
/// Why reproduce it exactly rather than sort fully? Quicksort is not stable: elements at the
/// same distance come out in an order that depends on every swap. Redis replies with that
/// order, so matching it means making the same swaps.
enum PartialQuickSort {
    /// Sorts `items` so that positions `low...high` hold what a full sort would put there;
    /// `compare` answers <0, 0 or >0.
    static func sort<T>(_ items: inout [T], low: Int, high: Int, by compare: (T, T) -> Int) {
        items.withUnsafeMutableBufferPointer { buffer in
            sortRange(buffer, start: 0, count: buffer.count, low: low, high: high, compare)
        }
    }

    private static func sortRange<T>(_ a: UnsafeMutableBufferPointer<T>, start: Int, count: Int,
                                     low: Int, high: Int, _ cmp: (T, T) -> Int) {
        var start = start
        var n = count
        while true {
            if n < 7 {
                insertionSort(a, start: start, count: n, cmp)
                return
            }
            var pm = start + n / 2
            if n > 7 {
                var pl = start
                var pn = start + n - 1
                if n > 40 {
                    let d = n / 8
                    pl = median(a, pl, pl + d, pl + 2 * d, cmp)
                    pm = median(a, pm - d, pm, pm + d, cmp)
                    pn = median(a, pn - 2 * d, pn - d, pn, cmp)
                }
                pm = median(a, pl, pm, pn, cmp)
            }
            a.swapAt(start, pm)
            // Partition around a[start]: equal elements are parked at both ends.
            var pa = start + 1, pb = start + 1
            var pc = start + n - 1, pd = start + n - 1
            while true {
                while pb <= pc {
                    let r = cmp(a[pb], a[start])
                    if r > 0 { break }
                    if r == 0 { a.swapAt(pa, pb); pa += 1 }
                    pb += 1
                }
                while pb <= pc {
                    let r = cmp(a[pc], a[start])
                    if r < 0 { break }
                    if r == 0 { a.swapAt(pc, pd); pd -= 1 }
                    pc -= 1
                }
                if pb > pc { break }
                a.swapAt(pb, pc)
                pb += 1
                pc -= 1
            }
            // Move the parked equal elements into the middle.
            let end = start + n
            var r = min(pa - start, pb - pa)
            swapBlocks(a, start, pb - r, r)
            r = min(pd - pc, end - pd - 1)
            swapBlocks(a, pb, end - r, r)

            let lessCount = pb - pa
            if lessCount > 1 && overlaps(start, lessCount, low, high) {
                sortRange(a, start: start, count: lessCount, low: low, high: high, cmp)
            }
            let greaterCount = pd - pc
            guard greaterCount > 1 else { return }
            start = end - greaterCount
            n = greaterCount
            guard overlaps(start, n, low, high) else { return }
        }
    }

    /// Whether the slice `start..<start+count` holds any wanted position (Redis skips it only
    /// when both ends of the wanted range lie on the same side of it).
    @inline(__always) private static func overlaps(_ start: Int, _ count: Int, _ low: Int, _ high: Int) -> Bool {
        !((low < start && high < start) || (low >= start + count && high >= start + count))
    }

    private static func insertionSort<T>(_ a: UnsafeMutableBufferPointer<T>, start: Int, count: Int, _ cmp: (T, T) -> Int) {
        guard count > 1 else { return }
        for m in (start + 1)..<(start + count) {
            var l = m
            while l > start && cmp(a[l - 1], a[l]) > 0 {
                a.swapAt(l, l - 1)
                l -= 1
            }
        }
    }

    /// The index of the median of three elements.
    private static func median<T>(_ a: UnsafeMutableBufferPointer<T>, _ i: Int, _ j: Int, _ k: Int, _ cmp: (T, T) -> Int) -> Int {
        if cmp(a[i], a[j]) < 0 {
            return cmp(a[j], a[k]) < 0 ? j : (cmp(a[i], a[k]) < 0 ? k : i)
        }
        return cmp(a[j], a[k]) > 0 ? j : (cmp(a[i], a[k]) < 0 ? i : k)
    }

    /// Swaps the `count` elements starting at `i` with those starting at `j`, pairwise.
    private static func swapBlocks<T>(_ a: UnsafeMutableBufferPointer<T>, _ i: Int, _ j: Int, _ count: Int) {
        for k in 0..<max(count, 0) { a.swapAt(i + k, j + k) }
    }
}

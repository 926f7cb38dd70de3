import CacheLabEngine

extension MemcachedStore {
    /// Finds room for an item of `totalSize` bytes in its class (`do_item_alloc_pull`).
    ///
    /// 1. A free chunk in the class, or a new 1 MB page while under `-m` (a class that has
    ///    no page yet always gets its first one).
    /// 2. Otherwise, up to 10 tries: evict from COLD's tail (expired items there are
    ///    reclaimed first); when COLD has nothing to give, force HOT's tail down to COLD.
    /// Memory never moves between classes here (memcached's slab rebalancer is slow and
    /// background), which is why a workload whose sizes change can evict while memory looks
    /// free.
    func allocate(totalSize: Int, classID: Int) -> Bool {
        let index = classID - 1
        let needed = slabs.chunksNeeded(totalSize: totalSize)
        var tries = 0
        defer { if tries > 0 { classCounters[index].directReclaims += tries } }
        while tries < 10 {
            if hasRoom(index: index, chunks: needed) { return true }
            if pullTail(classID: classID, segment: .cold, totalBytes: 0, maxAge: 0, evict: true) <= 0 {
                _ = pullTail(classID: classID, segment: .hot, totalBytes: 0, maxAge: 0, evict: false)
            }
            tries += 1
        }
        classCounters[index].outOfMemory += 1
        return false
    }

    private func hasRoom(index: Int, chunks: Int) -> Bool {
        let perPage = slabs.classes[index].chunksPerPage
        while pages[index] * perPage - usedChunks[index] < chunks {
            let overLimit = (totalPages + 1) * SlabClasses.pageSize > memoryLimit
            if overLimit && pages[index] > 0 { return false }
            pages[index] += 1
        }
        return true
    }
}

import CacheLabEngine

extension MemcachedStore {
    /// Reserves every chunk of `layout`, in order (header first), as memcached allocates them;
    /// false, with nothing reserved, when one cannot be found.
    func allocate(_ layout: ItemLayout) -> Bool {
        for (done, classID) in layout.classes.enumerated() where !allocateChunk(classID: classID) {
            for reserved in layout.classes.prefix(done) { usedChunks[reserved - 1] -= 1 }
            return false
        }
        return true
    }

    /// Gives back the chunks of an item (or of a command's item that was not stored).
    func release(_ layout: ItemLayout) {
        for classID in layout.classes { usedChunks[classID - 1] -= 1 }
    }

    /// Finds one chunk in class `classID` (`do_item_alloc_pull`) and reserves it.
    ///
    /// 1. A free chunk in the class, or a new 1 MB page while under `-m` (a class that has
    ///    no page yet always gets its first one).
    /// 2. Otherwise, up to 10 tries: evict from COLD's tail of this class's LRU (expired
    ///    items there are reclaimed first); when COLD has nothing to give, force HOT's tail
    ///    down to COLD.
    /// Memory never moves between classes here (memcached's slab rebalancer is slow and
    /// background), which is why a workload whose sizes change can evict while memory looks
    /// free.
    func allocateChunk(classID: Int) -> Bool {
        let index = classID - 1
        var tries = 0
        defer { if tries > 0 { classCounters[index].directReclaims += tries } }
        while tries < 10 {
            if hasRoom(index: index) {
                usedChunks[index] += 1
                return true
            }
            if pullTail(classID: classID, segment: .cold, totalBytes: 0, maxAge: 0, evict: true) <= 0 {
                _ = pullTail(classID: classID, segment: .hot, totalBytes: 0, maxAge: 0, evict: false)
            }
            tries += 1
        }
        classCounters[index].outOfMemory += 1
        return false
    }

    private func hasRoom(index: Int) -> Bool {
        if pages[index] * slabs.classes[index].chunksPerPage > usedChunks[index] { return true }
        let overLimit = (totalPages + 1) * SlabClasses.pageSize > memoryLimit
        if overLimit && pages[index] > 0 { return false }
        pages[index] += 1
        return true
    }
}

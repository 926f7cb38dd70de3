import CacheLabEngine

extension MemcachedTextSession {
    /// `stats`, `stats items`, `stats slabs`: the figures a student looks at, from the model,
    /// in memcached's order. (Process fields such as pid, rusage or connections have no
    /// meaning in-process and are left out.)
    func stats(_ arguments: [String]) -> String {
        var lines: [(String, String)] = []
        switch arguments.first {
        case nil:
            lines = general()
        case "items"?:
            lines = itemsStats()
        case "slabs"?:
            lines = slabStats()
        case "detail"?:
            return "CLIENT_ERROR usage: stats detail on|off|dump\r\n"
        default:
            return "ERROR\r\n"
        }
        return lines.map { "STAT \($0.0) \($0.1)\r\n" }.joined() + "END\r\n"
    }

    private func general() -> [(String, String)] {
        let c = store.counters
        let k = store.classCounters
        func sum(_ f: (SlabClassCounters) -> Int) -> String { String(k.reduce(0) { $0 + f($1) }) }
        return [
            ("uptime", String(store.now - store.startedAt)), ("time", String(store.now)),
            ("version", Self.version), ("pointer_size", "64"),
            ("cmd_get", String(c.cmdGet)), ("cmd_set", String(c.cmdSet)), ("cmd_flush", String(c.cmdFlush)),
            ("cmd_touch", String(c.cmdTouch)), ("get_hits", String(c.getHits)), ("get_misses", String(c.getMisses)),
            ("get_expired", String(c.getExpired)), ("get_flushed", String(c.getFlushed)),
            ("delete_misses", String(c.deleteMisses)), ("delete_hits", String(c.deleteHits)),
            ("incr_misses", String(c.incrMisses)), ("incr_hits", String(c.incrHits)),
            ("decr_misses", String(c.decrMisses)), ("decr_hits", String(c.decrHits)),
            ("cas_misses", String(c.casMisses)), ("cas_hits", String(c.casHits)), ("cas_badval", String(c.casBadval)),
            ("touch_hits", String(c.touchHits)), ("touch_misses", String(c.touchMisses)),
            ("store_too_large", String(c.storeTooLarge)), ("store_no_memory", String(c.storeNoMemory)),
            ("limit_maxbytes", String(store.memoryLimit)), ("threads", "1"),
            ("lru_maintainer_juggles", String(c.lruMaintainerJuggles)),
            ("bytes", String(store.bytesUsed)), ("curr_items", String(store.currentItems)),
            ("total_items", String(c.totalItems)),
            ("expired_unfetched", sum(\.expiredUnfetched)), ("evicted_unfetched", sum(\.evictedUnfetched)),
            ("evicted_active", sum(\.evictedActive)), ("evictions", sum(\.evicted)), ("reclaimed", sum(\.reclaimed)),
            ("moves_to_cold", sum(\.movesToCold)), ("moves_to_warm", sum(\.movesToWarm)),
            ("moves_within_lru", sum(\.movesWithinLRU)), ("direct_reclaims", sum(\.directReclaims)),
        ]
    }

    private func itemsStats() -> [(String, String)] {
        var lines: [(String, String)] = []
        for slab in store.slabs.classes {
            let i = slab.id - 1
            let lru = store.lrus[i]
            guard lru.itemCount > 0 else { continue }
            let k = store.classCounters[i]
            func age(_ segment: LRUSegment) -> String {
                guard let key = lru.tail(segment), let item = store.item(key) else { return "0" }
                return String(store.now - item.time)
            }
            let p = "items:\(slab.id):"
            lines += [
                (p + "number", String(lru.itemCount)), (p + "number_hot", String(lru.count(.hot))),
                (p + "number_warm", String(lru.count(.warm))), (p + "number_cold", String(lru.count(.cold))),
                (p + "age_hot", age(.hot)), (p + "age_warm", age(.warm)), (p + "age", age(.cold)),
                (p + "mem_requested", String(lru.totalBytes)),
                (p + "evicted", String(k.evicted)), (p + "evicted_nonzero", String(k.evictedNonzero)),
                (p + "evicted_time", String(k.evictedTime)), (p + "outofmemory", String(k.outOfMemory)),
                (p + "reclaimed", String(k.reclaimed)), (p + "expired_unfetched", String(k.expiredUnfetched)),
                (p + "evicted_unfetched", String(k.evictedUnfetched)), (p + "evicted_active", String(k.evictedActive)),
                (p + "moves_to_cold", String(k.movesToCold)), (p + "moves_to_warm", String(k.movesToWarm)),
                (p + "moves_within_lru", String(k.movesWithinLRU)), (p + "direct_reclaims", String(k.directReclaims)),
                (p + "hits_to_hot", String(k.hitsTo[0])), (p + "hits_to_warm", String(k.hitsTo[1])),
                (p + "hits_to_cold", String(k.hitsTo[2])), (p + "hits_to_temp", "0"),
            ]
        }
        return lines
    }

    private func slabStats() -> [(String, String)] {
        var lines: [(String, String)] = []
        var active = 0
        for slab in store.slabs.classes {
            let i = slab.id - 1
            guard store.pages[i] > 0 else { continue }
            active += 1
            let k = store.classCounters[i]
            let total = store.pages[i] * slab.chunksPerPage
            let p = "\(slab.id):"
            lines += [
                (p + "chunk_size", String(slab.chunkSize)), (p + "chunks_per_page", String(slab.chunksPerPage)),
                (p + "total_pages", String(store.pages[i])), (p + "total_chunks", String(total)),
                (p + "used_chunks", String(store.usedChunks[i])), (p + "free_chunks", String(total - store.usedChunks[i])),
                (p + "free_chunks_end", "0"), (p + "get_hits", String(k.getHits)), (p + "cmd_set", String(k.cmdSet)),
                (p + "delete_hits", String(k.deleteHits)), (p + "incr_hits", String(k.incrHits)),
                (p + "decr_hits", String(k.decrHits)), (p + "cas_hits", String(k.casHits)),
                (p + "cas_badval", String(k.casBadval)), (p + "touch_hits", String(k.touchHits)),
            ]
        }
        lines += [("active_slabs", String(active)), ("total_malloced", String(store.totalPages * SlabClasses.pageSize))]
        return lines
    }
}

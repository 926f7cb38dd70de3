/// A key's value as the commands that rebuild it, as Redis writes an AOF base without the RDB
/// preamble (`aof-use-rdb-preamble no`) and as CacheLab propagates the outcome of a command
/// whose effect depends on chance or the clock (SPOP, XREADGROUP, ...):
///
///     string  SET k v
///     list    RPUSH k e1 ... e64          (64 elements per command)
///     set     SADD k m1 ... m64
///     zset    ZADD k s1 m1 ... s64 m64    (scores as %.17g; a listpack in score order)
///     hash    HMSET k f1 v1 ... f64 v64
///     stream  XADD k id f v ... per entry (an empty stream: XADD k MAXLEN 0 0-1 x y),
///             XSETID k last ENTRIESADDED n MAXDELETEDID id,
///             per group XGROUP CREATE k g last ENTRIESREAD n, per pending entry
///             XCLAIM k g consumer 0 id TIME ms RETRYCOUNT n JUSTID FORCE, and
///             XGROUP CREATECONSUMER for consumers that own nothing
///     then    PEXPIREAT k ms              when the key has a TTL
enum AOFCommandForm {
    static let itemsPerCommand = 64

    static func commands(key: Bytes, value: Value, expireAt: Int64?) -> [[Bytes]] {
        var out: [[Bytes]] = []
        func chunked(_ verb: Bytes, _ items: [Bytes], stride step: Int) {
            var i = 0
            while i < items.count {
                let end = min(items.count, i + itemsPerCommand * step)
                out.append([verb, key] + items[i..<end])
                i = end
            }
        }
        switch value {
        case .string(let s):
            out.append(["SET", key, s.bytes])
        case .list(let l):
            chunked("RPUSH", Array(l.items), stride: 1)
        case .set(let s):
            chunked("SADD", s.members, stride: 1)
        case .zset(let z):
            chunked("ZADD", zaddArguments(z), stride: 2)
        case .hash(let h):
            chunked("HMSET", RDBValueBridge.hashPairs(h).flatMap { [$0.0, $0.1] }, stride: 2)
        case .stream(let s):
            out += streamCommands(key: key, s)
        }
        if let expireAt { out.append(["PEXPIREAT", key, Bytes(integer: expireAt)]) }
        return out
    }

    /// ZADD's score/member pairs in the order Redis walks the set: a listpack in score
    /// order (its own order), a skip list's set in its hash table's order.
    static func zaddArguments(_ z: SortedSetValue) -> [Bytes] {
        guard RDBValueBridge.sortedSetIsCompact(z) else {
            return RDBValueBridge.sortedSetPairs(z).flatMap { [Bytes(DoubleFormat.reply($0.score)), $0.member] }
        }
        let list = z.list
        var out: [Bytes] = []
        out.reserveCapacity(z.count * 2)
        var node = list.first
        while node != SkipList.none {
            out.append(Bytes(DoubleFormat.reply(list.score(node))))
            out.append(list.member(node))
            node = list.next(node)
        }
        return out
    }

    static func streamCommands(key: Bytes, _ s: StreamValue) -> [[Bytes]] {
        var out: [[Bytes]] = []
        if s.length == 0 {
            out.append(["XADD", key, "MAXLEN", "0", "0-1", "x", "y"])
        } else {
            s.forEach(from: .zero, to: .max) { p in
                out.append(["XADD", key, s.id(at: p).bytes] + s.pairs(at: p))
                return true
            }
        }
        out.append(["XSETID", key, s.lastID.bytes, "ENTRIESADDED", Bytes(integer: Int64(bitPattern: s.entriesAdded)),
                    "MAXDELETEDID", s.maxDeletedID.bytes])
        for group in s.groups {
            out.append(["XGROUP", "CREATE", key, group.name, group.lastDeliveredID.bytes, "ENTRIESREAD", Bytes(integer: group.entriesRead)])
            group.pending.forEach { id, entry in
                out.append(["XCLAIM", key, group.name, entry.consumer, "0", id.bytes, "TIME", Bytes(integer: entry.deliveryTime),
                            "RETRYCOUNT", Bytes(integer: entry.deliveryCount), "JUSTID", "FORCE"])
                return true
            }
            for consumer in group.consumers where consumer.pending.isEmpty {
                out.append(["XGROUP", "CREATECONSUMER", key, group.name, consumer.name])
            }
        }
        return out
    }

    /// A command as RESP: `*<argc>` then `$<len>` and the bytes of each argument.
    static func resp(_ argv: [Bytes], into out: inout [UInt8]) {
        out.append(UInt8(ascii: "*"))
        out.append(contentsOf: String(argv.count).utf8)
        out.append(13); out.append(10)
        for arg in argv {
            out.append(UInt8(ascii: "$"))
            out.append(contentsOf: String(arg.count).utf8)
            out.append(13); out.append(10)
            arg.withUnsafeBytes { out.append(contentsOf: $0) }
            out.append(13); out.append(10)
        }
    }
}

/// How lists, hashes, sets and sorted sets are laid out in an RDB file: the compact type
/// exactly when the value is in its compact encoding, as Redis 7.0.15 saves it.
///
///     list      18 QUICKLIST_2   <nodes> × (<container: 2 = packed> <listpack blob>)
///                                nodes of at most 8 KB (list-max-listpack-size -2)
///     hash      16 LISTPACK      <listpack f1 v1 f2 v2 ...>       while the hash is a listpack
///                4 HASH          <n> × (<field> <value>)          once it is a table
///     set       11 INTSET        <intset blob>                    while the set is an intset
///                2 SET           <n> × <member>                   once it is a table
///     zset      17 LISTPACK      <listpack m1 s1 m2 s2 ...>       while it is a listpack,
///                                ascending by (score, member), scores as text
///                5 ZSET_2        <n> × (<member> <8-byte LE double>), highest score first
extension RDBWriter {
    // MARK: Lists: see RDBWriter+Lists.swift

    // MARK: Hashes

    mutating func writeHash(_ key: Bytes, _ hash: HashValue) {
        let pairs = RDBValueBridge.hashPairs(hash)
        if RDBValueBridge.hashIsCompact(hash) {
            out.append(RDBEncoding.TypeCode.hashListpack.rawValue)
            writeKey(key)
            var lp = Listpack.Encoder()
            for (f, v) in pairs {
                lp.append(f)
                lp.append(v)
            }
            writeBlob(lp.finish())
        } else {
            out.append(RDBEncoding.TypeCode.hash.rawValue)
            writeKey(key)
            out.appendLength(pairs.count)
            for (f, v) in pairs {
                writeString(f)
                writeString(v)
            }
        }
    }

    // MARK: Sets

    mutating func writeSet(_ key: Bytes, _ set: SetValue) {
        let members = RDBValueBridge.setMembers(set)
        let integers = RDBValueBridge.setIsIntset(set) ? members.compactMap(\.int64Value) : []
        if !integers.isEmpty {
            out.append(RDBEncoding.TypeCode.setIntset.rawValue)
            writeKey(key)
            writeBlob(IntSetCodec.encode(integers))
        } else {
            out.append(RDBEncoding.TypeCode.set.rawValue)
            writeKey(key)
            out.appendLength(members.count)
            for m in members { writeString(m) }
        }
    }

    // MARK: Sorted sets

    mutating func writeSortedSet(_ key: Bytes, _ zset: SortedSetValue) {
        // The skip list already holds the members in (score, member) order.
        let list = zset.list
        if RDBValueBridge.sortedSetIsCompact(zset) {
            out.append(RDBEncoding.TypeCode.zsetListpack.rawValue)
            writeKey(key)
            var lp = Listpack.Encoder()
            var node = list.first
            while node != SkipList.none {
                lp.append(list.member(node))
                lp.append(Self.scoreText(list.score(node)))
                node = list.next(node)
            }
            writeBlob(lp.finish())
        } else {
            out.append(RDBEncoding.TypeCode.zset2.rawValue)
            writeKey(key)
            out.appendLength(zset.count)
            var node = list.last
            while node != SkipList.none {
                writeString(list.member(node))
                out.appendBinaryDouble(list.score(node))
                node = list.previous(node)
            }
        }
    }

    /// A score as a sorted-set listpack stores it: `inf`, `-inf`, `-0`, an integer's digits
    /// when the score is integral and small enough to be exact, else `%.17g`.
    static func scoreText(_ score: Double) -> Bytes {
        if score.isInfinite { return score < 0 ? "-inf" : "inf" }
        if score == 0 { return score.sign == .minus ? "-0" : "0" }
        if score > -4_503_599_627_370_495, score < 4_503_599_627_370_496, score == score.rounded(.towardZero) {
            return Bytes(integer: Int64(score))
        }
        return Bytes(DoubleFormat.reply(score))
    }
}

import CacheLabEngine

extension MemcachedTextSession {
    static let badFormat = "CLIENT_ERROR bad command line format\r\n"
    static let badExptime = "CLIENT_ERROR invalid exptime argument\r\n"
    static let badDelta = "CLIENT_ERROR invalid numeric delta argument\r\n"

    /// Runs one command line; returns its reply text.
    func execute(_ words: [[UInt8]]) -> String {
        guard let first = words.first else { return "ERROR\r\n" }
        let name = String(decoding: first, as: UTF8.self)
        let noreply = words.count > 1 && words.last! == Array("noreply".utf8)
        let reply: String
        switch (name, words.count) {
        case ("get", 2...), ("gets", 2...):
            reply = retrieve(words.dropFirst(), withCas: name == "gets", touch: nil)
        case ("gat", 3...), ("gats", 3...), ("gat", 2), ("gats", 2):
            guard let exptime = Self.signed(words[1]) else { return Self.badExptime }
            reply = retrieve(words.dropFirst(2), withCas: name == "gats", touch: exptime)
        case ("set", 5...6), ("add", 5...6), ("replace", 5...6), ("append", 5...6), ("prepend", 5...6), ("cas", 6...7):
            return prepareStore(name, words)
        case ("delete", 2...4):
            reply = delete(words)
        case ("incr", 3...4), ("decr", 3...4):
            guard let delta = MemcachedNumber.parseUnsigned(words[2]) else { return Self.badDelta }
            switch store.arithmetic(Bytes(words[1]), delta: delta, increment: name == "incr") {
            case .value(let value): reply = "\(value)\r\n"
            case .notFound: reply = "NOT_FOUND\r\n"
            case .nonNumeric: reply = "CLIENT_ERROR cannot increment or decrement non-numeric value\r\n"
            case .outOfMemory: reply = "SERVER_ERROR out of memory\r\n"
            }
        case ("touch", 3...4):
            guard let exptime = Self.signed(words[2]) else { return Self.badExptime }
            reply = store.touch(Bytes(words[1]), exptime: exptime) ? "TOUCHED\r\n" : "NOT_FOUND\r\n"
        case ("flush_all", 1...3):
            var delay: Int64 = 0
            if words.count > (noreply ? 2 : 1) {
                guard let value = Self.signed(words[1]) else { return Self.badExptime }
                delay = value
            }
            store.flushAll(delay: delay)
            reply = "OK\r\n"
        case ("version", 1):
            reply = "VERSION \(Self.version)\r\n"
        case ("verbosity", 2...3):
            guard MemcachedNumber.parseUnsigned(words[1]) != nil else { return Self.badFormat }
            reply = "OK\r\n"
        case ("quit", 1):
            wantsToClose = true
            return ""
        case ("stats", 1...):
            return stats(words.dropFirst().map { String(decoding: $0, as: UTF8.self) })
        default:
            return "ERROR\r\n"
        }
        return noreply ? "" : reply
    }

    private func retrieve(_ keys: ArraySlice<[UInt8]>, withCas: Bool, touch: Int64?) -> String {
        var out = ""
        for key in keys {
            guard key.count <= Self.keyMaxLength else { return Self.badFormat }
            guard let item = store.fetch(Bytes(key), touch: touch) else { continue }
            out += "VALUE \(String(decoding: key, as: UTF8.self)) \(item.flags) \(item.value.count)"
            out += withCas ? " \(item.cas)\r\n" : "\r\n"
            out += String(decoding: item.value, as: UTF8.self) + "\r\n"
        }
        return out + "END\r\n"
    }

    private func delete(_ words: [[UInt8]]) -> String {
        let noreply = words.last! == Array("noreply".utf8)
        let extra = words.count - 2 - (noreply ? 1 : 0)
        if extra > 1 || (extra == 1 && words[2] != [UInt8(ascii: "0")]) {
            return "CLIENT_ERROR bad command line format.  Usage: delete <key> [noreply]\r\n"
        }
        return store.delete(Bytes(words[1])) ? "DELETED\r\n" : "NOT_FOUND\r\n"
    }

    /// Parses a storage command line and waits for its data block.
    private func prepareStore(_ name: String, _ words: [[UInt8]]) -> String {
        let isCas = name == "cas"
        let noreply = words.count == (isCas ? 7 : 6) && words.last! == Array("noreply".utf8)
        guard words[1].count <= Self.keyMaxLength,
              let flags = MemcachedNumber.parseUnsigned(words[2]),
              let exptime = Self.signed(words[3]),
              let length = Self.signed(words[4]), length >= 0, length <= Int64(Int32.max) - 2 else {
            return Self.badFormat
        }
        var cas: UInt64 = 0
        if isCas {
            guard let value = MemcachedNumber.parseUnsigned(words[5]) else { return Self.badFormat }
            cas = value
        }
        let mode: StoreMode = switch name {
        case "add": .add
        case "replace": .replace
        case "append": .append
        case "prepend": .prepend
        case "cas": .cas
        default: .set
        }
        switch store.prepareStore(mode, key: Bytes(words[1]), flags: UInt32(truncatingIfNeeded: flags), exptime: exptime, length: Int(length), casUnique: cas) {
        case .success(let pending):
            state = .data(pending, bytes: Int(length), noreply: noreply)
        case .failure(let refusal):
            // Refused before its data was read: the data block is skipped, then the answer.
            state = .swallow(Int(length) + 2, reply: noreply ? "" : refusal.result.rawValue + "\r\n")
        }
        return ""
    }

    /// memcached's `safe_strtol` for exptime and lengths.
    static func signed(_ word: [UInt8]) -> Int64? {
        var digits = word[...]
        var negative = false
        if let sign = digits.first, sign == UInt8(ascii: "-") || sign == UInt8(ascii: "+") {
            negative = sign == UInt8(ascii: "-")
            digits = digits.dropFirst()
        }
        guard let magnitude = MemcachedNumber.parseUnsigned(digits), digits.first.map({ $0 >= 48 && $0 <= 57 }) == true,
              magnitude <= UInt64(Int64.max) else { return nil }
        return negative ? -Int64(magnitude) : Int64(magnitude)
    }
}

import Foundation
import Testing
import CacheLabEngine
@testable import CacheLabModels

/// `stats`, `stats items` and `stats slabs` from the model against a real memcached 1.6 after
/// the same commands.
///
/// The model prints the fields it models, in memcached's order, and leaves out the ones about
/// the process (pid, rusage, connections, buffers, threads' bookkeeping, the hash table, the
/// slab rebalancer and the LRU crawler). So the comparison checks, for each report:
/// - every field the model prints exists in the server's report, in the same order;
/// - every field the server prints and the model does not is one of `notModelled` below;
/// - every value the model prints equals the server's, except the `timing` fields, whose
///   value depends on when memcached's background threads ran (the LRU maintainer moves items
///   between HOT, WARM and COLD on its own schedule) or on the wall clock: those must be
///   numbers, and are compared by name and shape only.
@Suite struct MemcachedStatsTests {
    /// Server fields the model does not print: per-process, per-connection, or background
    /// machinery the model has no counterpart for. Class numbers are written `N`.
    static let notModelled: Set<String> = [
        "pid", "libevent", "rusage_user", "rusage_system", "max_connections", "curr_connections",
        "total_connections", "rejected_connections", "connection_structures", "response_obj_oom",
        "response_obj_count", "response_obj_bytes", "read_buf_count", "read_buf_bytes", "read_buf_bytes_free",
        "read_buf_oom", "reserved_fds", "cmd_meta", "auth_cmds", "auth_errors", "bytes_read", "bytes_written",
        "accepting_conns", "listen_disabled_num", "time_in_listen_disabled_us", "conn_yields",
        "hash_power_level", "hash_bytes", "hash_is_expanding", "slab_reassign_rescues",
        "slab_reassign_chunk_rescues", "slab_reassign_evictions_nomem", "slab_reassign_inline_reclaim",
        "slab_reassign_busy_items", "slab_reassign_busy_deletes", "slab_reassign_running", "slabs_moved",
        "lru_crawler_running", "lru_crawler_starts", "malloc_fails", "log_worker_dropped", "log_worker_written",
        "log_watcher_skipped", "log_watcher_sent", "log_watchers", "unexpected_napi_ids", "round_robin_fallback",
        "slab_global_page_pool", "crawler_reclaimed", "crawler_items_checked", "lrutail_reflocked",
        "lru_bumps_dropped",
        "items:N:tailrepairs", "items:N:crawler_reclaimed", "items:N:crawler_items_checked",
        "items:N:lrutail_reflocked",
    ]

    /// Fields compared by name and shape: wall-clock times, and what depends on when the LRU
    /// maintainer thread last ran (segment sizes and ages, moves between segments, how many
    /// tries an allocation needed, which segment a hit landed in).
    static let timing: Set<String> = [
        "uptime", "time", "lru_maintainer_juggles", "moves_to_cold", "moves_to_warm", "moves_within_lru",
        "direct_reclaims",
        "items:N:number_hot", "items:N:number_warm", "items:N:number_cold", "items:N:age_hot",
        "items:N:age_warm", "items:N:age", "items:N:evicted_time", "items:N:moves_to_cold",
        "items:N:moves_to_warm", "items:N:moves_within_lru", "items:N:direct_reclaims",
        "items:N:hits_to_hot", "items:N:hits_to_warm", "items:N:hits_to_cold",
    ]

    /// `STAT name value` lines, in order.
    static func parse(_ text: String) -> [(name: String, value: String)] {
        text.split(separator: "\r\n").compactMap { line in
            let words = line.split(separator: " ", maxSplits: 2)
            guard words.count == 3, words[0] == "STAT" else { return nil }
            return (String(words[1]), String(words[2]))
        }
    }

    /// `items:12:number` → `items:N:number`, `12:chunk_size` → `N:chunk_size`.
    static func generic(_ name: String) -> String {
        var parts = name.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        for i in parts.indices where !parts[i].isEmpty && parts[i].allSatisfy(\.isNumber) { parts[i] = "N" }
        return parts.joined(separator: ":")
    }

    /// What differs between the model's report and the server's (empty when they agree).
    static func differences(model: String, server: String) -> [String] {
        let mine = parse(model), theirs = parse(server)
        var problems: [String] = []
        guard model.hasSuffix("END\r\n"), server.hasSuffix("END\r\n") else {
            return ["a report does not end with END: model \(model.suffix(20)), server \(server.suffix(20))"]
        }
        var position = 0
        for (name, value) in mine {
            guard let found = theirs[position...].firstIndex(where: { $0.name == name }) else {
                let known = theirs.contains { $0.name == name }
                problems.append(known ? "\(name) is out of memcached's order" : "\(name) is not in memcached's report")
                continue
            }
            for skipped in theirs[position..<found] where !notModelled.contains(generic(skipped.name)) {
                problems.append("\(skipped.name) (\(skipped.value)) is missing from the model")
            }
            position = found + 1
            let expected = theirs[found].value
            if timing.contains(generic(name)) {
                if Int(value) == nil || Int(expected) == nil { problems.append("\(name): \(value) vs \(expected), not numbers") }
            } else if value != expected {
                problems.append("\(name): model \(value), memcached \(expected)")
            }
        }
        for skipped in theirs[position...] where !notModelled.contains(generic(skipped.name)) {
            problems.append("\(skipped.name) (\(skipped.value)) is missing from the model")
        }
        return problems
    }

    func compareReports(_ conversation: MemcachedConversation, _ label: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        for report in ["stats", "stats items", "stats slabs"] {
            let model = conversation.session.feed(line: Array(report.utf8))
            let server = try conversation.server.request(line: report)
            let problems = Self.differences(model: model, server: server)
            #expect(problems.isEmpty, "\(label), \(report):\n\(problems.joined(separator: "\n"))", sourceLocation: sourceLocation)
        }
    }

    /// Items of several sizes (so several slab classes), flags, hits and misses, deletes,
    /// incr/decr in place and growing, touch, gat, cas (hit, bad value, miss), append and
    /// prepend, a value too large, then the reports.
    @Test func countersAndClassesMatchRealMemcached() throws {
        let server = try MemcachedServerProcess.start()
        defer { server.stop() }
        let conversation = MemcachedConversation(server: server, session: MemcachedTextSession(store: MemcachedStore(clock: .system())))
        func type(_ lines: String...) throws { for line in lines { _ = try conversation.type(line) } }
        try compareReports(conversation, "empty")
        try type("set tiny 0 0 1", "x", "set user:42 7 0 40", String(repeating: "u", count: 40))
        try type("set page:home 0 0 300", String(repeating: "p", count: 300))
        try type("set blob 0 0 5000", String(repeating: "b", count: 5000))
        try type("set huge 0 0 600000", String(repeating: "h", count: 600000))
        try type("get tiny", "get tiny user:42 nothing", "gets page:home", "get nothing")
        try type("set n 0 0 2", "99", "incr n 1", "incr n 5", "decr n 200", "incr nothing 1", "decr nothing 1")
        try type("touch tiny 100", "touch nothing 100", "gat 100 user:42", "gat 100 nothing")
        try type("cas page:home 0 0 2 1", "zz", "cas nothing 0 0 1 1", "z")
        let casLine = try #require(try conversation.type("gets tiny")?.split(separator: " ").last?.split(separator: "\r").first)
        try type("cas tiny 0 0 1 \(casLine)", "y", "append tiny 0 0 3", "abc", "prepend blob 0 0 1", "!")
        try type("delete user:42", "delete user:42", "add tiny 0 0 1", "q", "replace nothing 0 0 1", "q")
        try type("set big 0 0 2000000", String(repeating: "v", count: 2_000_000))
        try compareReports(conversation, "after the mixed commands")
    }

    /// A class filled past its pages under `-m 2`: evictions, a class that still gets its first
    /// page beyond the limit, hits and misses on what survived.
    @Test func evictionsMatchRealMemcached() throws {
        let server = try MemcachedServerProcess.start(["-m", "2"])
        defer { server.stop() }
        let session = MemcachedTextSession(store: MemcachedStore(clock: .system(), megabytes: 2))
        let conversation = MemcachedConversation(server: server, session: session)
        let value = String(repeating: "v", count: 900)
        var batch = ""
        // Keys of one length: which item memcached evicts can depend on when its LRU
        // maintainer ran, and must not change the byte totals the reports compare.
        func key(_ prefix: String, _ i: Int) -> String { prefix + String(String(10000 + i).dropFirst()) }
        for i in 0..<3000 { batch += "set \(key("k", i)) 0 0 900\r\n\(value)\r\n" }
        for i in 0..<100 { batch += "set \(key("s", i)) 0 0 10\r\n0123456789\r\n" }
        for i in stride(from: 0, to: 3000, by: 7) { batch += "get \(key("k", i))\r\n" }
        let model = session.feed(bytes: Array(batch.utf8))
        let real = try server.request(Array(batch.utf8))
        #expect(model == real)
        try compareReports(conversation, "after 3000 sets into two 1 MB pages")
    }

    /// Items over 512 KB: a header chunk plus a chain of data chunks; appends and prepends
    /// that build chunked items (with the extra small chunks their copy asks for); an append
    /// past the 1 MB limit; a data block with a bad ending (still counted as a set).
    @Test func chunkedItemsMatchRealMemcached() throws {
        let server = try MemcachedServerProcess.start()
        defer { server.stop() }
        let conversation = MemcachedConversation(server: server, session: MemcachedTextSession(store: MemcachedStore(clock: .system())))
        func store(_ command: String, _ key: String, _ size: Int) throws {
            _ = try conversation.type("\(command) \(key) 0 0 \(size)")
            _ = try conversation.type(String(repeating: "v", count: size))
        }
        try store("set", "big", 1_048_000)
        try store("append", "big", 1000)
        try store("set", "med", 500_000)
        try store("append", "med", 100_000)
        try store("set", "huge", 600_000)
        try store("append", "huge", 10)
        try store("prepend", "huge", 20)
        try store("set", "sm", 10)
        try store("append", "sm", 600_000)
        try store("set", "pre", 1000)
        try store("prepend", "pre", 700_000)
        _ = try conversation.type("set bad 0 0 3")
        _ = try conversation.type("abcd")
        _ = try conversation.type("get huge sm")
        try compareReports(conversation, "after chunked items")
        _ = try conversation.type("delete huge")
        _ = try conversation.type("delete big")
        try compareReports(conversation, "after deleting two chunked items")
    }

    /// `-M`: a full class answers out of memory instead of evicting; a refused set drops the
    /// old value.
    @Test func outOfMemoryMatchesRealMemcached() throws {
        let server = try MemcachedServerProcess.start(["-m", "2", "-M"])
        defer { server.stop() }
        let session = MemcachedTextSession(store: MemcachedStore(clock: .system(), megabytes: 2, evictToFree: false))
        let conversation = MemcachedConversation(server: server, session: session)
        let value = String(repeating: "v", count: 900)
        var batch = ""
        for i in 0..<1800 { batch += "set k\(i) 0 0 900\r\n\(value)\r\n" }
        let model = session.feed(bytes: Array(batch.utf8))
        let real = try server.request(Array(batch.utf8))
        #expect(model == real)
        #expect(model.contains("SERVER_ERROR out of memory storing object"))
        _ = try conversation.type("set k5 0 0 900")
        _ = try conversation.type(value)
        _ = try conversation.type("get k5")
        _ = try conversation.type("set n 0 0 1")
        _ = try conversation.type("9")
        _ = try conversation.type("incr n 99")
        try compareReports(conversation, "after filling two pages without eviction")
    }
}

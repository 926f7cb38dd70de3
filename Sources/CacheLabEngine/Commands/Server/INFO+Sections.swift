import Foundation

/// The fields of each INFO section, in Redis 7.0.15's order. Every value is what CacheLab
/// really has: figures about things an in-process engine does not do (sockets, forks,
/// replication, persistence so far, Lua) are the zeros a Redis doing none of them reports.
extension InfoReport {
    var config: Config { engine.config }

    func server() -> [(String, String)] {
        let uptime = max(0, engine.commandTime - engine.startTime) / 1000
        return [
            ("redis_version", Engine.redisVersion),
            ("redis_git_sha1", "00000000"),
            ("redis_git_dirty", "0"),
            ("redis_build_id", "0"),
            ("redis_mode", "standalone"),
            ("os", Self.operatingSystem),
            ("arch_bits", String(MemoryLayout<Int>.size * 8)),
            // What times commands (commandstats, latencystats): the engine's own clock.
            ("monotonic_clock", engine.clock.source == .manual ? "CacheLab manual clock" : "POSIX gettimeofday"),
            ("multiplexing_api", "none"),
            ("atomicvar_api", "none"),
            ("gcc_version", "0.0.0"),
            ("process_id", String(getpid())),
            ("process_supervised", "no"),
            ("run_id", engine.serverState.runID),
            ("tcp_port", config.value(of: "port")?.string ?? "0"),
            ("server_time_usec", String(engine.clock.nowMicroseconds)),
            ("uptime_in_seconds", String(uptime)),
            ("uptime_in_days", String(uptime / 86400)),
            ("hz", String(config.hz)),
            ("configured_hz", String(config.hz)),
            ("lru_clock", String(engine.lruClock)),
            ("executable", Self.executable),
            ("config_file", ""),
            ("io_threads_active", "0"),
            ("cachelab_version", Engine.version),
        ]
    }

    func clients() -> [(String, String)] {
        [
            // The engine serves the in-process session that is asking; CLIENT LIST shows it.
            ("connected_clients", "1"),
            ("cluster_connections", "0"),
            ("maxclients", config.value(of: "maxclients")?.string ?? "10000"),
            ("client_recent_max_input_buffer", "0"),
            ("client_recent_max_output_buffer", "0"),
            ("blocked_clients", "0"),
            ("tracking_clients", "0"),
            ("clients_in_timeout_table", "0"),
        ]
    }

    func memory() -> [(String, String)] {
        // Redis 7.0's accounting as modelled in Memory/ (see MemoryLedger), kept up to date on
        // every write; the overhead/dataset split is MEMORY STATS's.
        let report = MemoryReport(engine: engine)
        let used = report.used
        let peak = report.peak
        let rss = Self.residentSetSize
        let system = Int(ProcessInfo.processInfo.physicalMemory)
        let aboveStartup = used - report.startup
        let datasetShare = aboveStartup > 0 ? Double(report.dataset) * 100 / Double(aboveStartup) : 0
        let rssRatio = used > 0 ? Double(rss) / Double(used) : 0
        let maxmemory = config.value(of: "maxmemory")?.string ?? "0"
        return [
            ("used_memory", String(used)),
            ("used_memory_human", Self.human(UInt64(used))),
            ("used_memory_rss", String(rss)),
            ("used_memory_rss_human", Self.human(UInt64(rss))),
            ("used_memory_peak", String(peak)),
            ("used_memory_peak_human", Self.human(UInt64(peak))),
            ("used_memory_peak_perc", Self.percent(peak > 0 ? Double(used) * 100 / Double(peak) : 0)),
            ("used_memory_overhead", String(report.overhead)),
            ("used_memory_startup", String(report.startup)),
            ("used_memory_dataset", String(report.dataset)),
            ("used_memory_dataset_perc", Self.percent(datasetShare)),
            // Swift exposes no allocator statistics: the allocator's view is the estimate
            // itself, and what the process really holds is its resident set.
            ("allocator_allocated", String(used)),
            ("allocator_active", String(used)),
            ("allocator_resident", String(rss)),
            ("total_system_memory", String(system)),
            ("total_system_memory_human", Self.human(UInt64(system))),
            ("used_memory_lua", "0"),
            ("used_memory_vm_eval", "0"),
            ("used_memory_lua_human", "0B"),
            ("used_memory_scripts_eval", "0"),
            ("number_of_cached_scripts", "0"),
            ("number_of_functions", "0"),
            ("number_of_libraries", "0"),
            ("used_memory_vm_functions", "0"),
            ("used_memory_vm_total", "0"),
            ("used_memory_vm_total_human", "0B"),
            ("used_memory_functions", "0"),
            ("used_memory_scripts", "0"),
            ("used_memory_scripts_human", "0B"),
            ("maxmemory", maxmemory),
            ("maxmemory_human", Self.human(UInt64(maxmemory) ?? 0)),
            ("maxmemory_policy", config.maxmemoryPolicy),
            ("allocator_frag_ratio", "1.00"),
            ("allocator_frag_bytes", "0"),
            ("allocator_rss_ratio", Self.ratio(rssRatio)),
            ("allocator_rss_bytes", String(rss - used)),
            ("rss_overhead_ratio", "1.00"),
            ("rss_overhead_bytes", "0"),
            ("mem_fragmentation_ratio", Self.ratio(rssRatio)),
            ("mem_fragmentation_bytes", String(rss - used)),
            ("mem_not_counted_for_evict", "0"),
            ("mem_replication_backlog", "0"),
            ("mem_total_replication_buffers", "0"),
            ("mem_clients_slaves", "0"),
            ("mem_clients_normal", String(report.clients)),
            ("mem_cluster_links", "0"),
            ("mem_aof_buffer", "0"),
            ("mem_allocator", "libc"),
            ("active_defrag_running", "0"),
            ("lazyfree_pending_objects", "0"),
            ("lazyfreed_objects", String(engine.stats.lazyfreedObjects)),
        ]
    }

    func persistence() -> [(String, String)] {
        [
            ("loading", "0"),
            ("async_loading", "0"),
            ("current_cow_peak", "0"),
            ("current_cow_size", "0"),
            ("current_cow_size_age", "0"),
            ("current_fork_perc", "0.00"),
            ("current_save_keys_processed", "0"),
            ("current_save_keys_total", "0"),
        ] + engine.persistence.infoFields() + engine.persistence.appendOnlyInfoFields()
    }

    func stats() -> [(String, String)] {
        let s = engine.stats
        // The period memory has been over maxmemory so far, if it still is (see performEvictions).
        let exceeded = s.evictionExceededSince.map { max(0, engine.clock.nowMicroseconds - $0) } ?? 0
        return [
            ("total_connections_received", String(s.totalConnectionsReceived)),
            ("total_commands_processed", String(s.totalCommandsProcessed)),
            ("instantaneous_ops_per_sec", "0"),
            ("total_net_input_bytes", "0"),
            ("total_net_output_bytes", "0"),
            ("total_net_repl_input_bytes", "0"),
            ("total_net_repl_output_bytes", "0"),
            ("instantaneous_input_kbps", "0.00"),
            ("instantaneous_output_kbps", "0.00"),
            ("instantaneous_input_repl_kbps", "0.00"),
            ("instantaneous_output_repl_kbps", "0.00"),
            ("rejected_connections", "0"),
            ("sync_full", "0"),
            ("sync_partial_ok", "0"),
            ("sync_partial_err", "0"),
            ("expired_keys", String(s.expiredKeys)),
            ("expired_stale_perc", "0.00"),
            ("expired_time_cap_reached_count", String(s.expireCycleTimeLimitExits)),
            ("expire_cycle_cpu_milliseconds", "0"),
            ("evicted_keys", String(s.evictedKeys)),
            ("evicted_clients", "0"),
            ("total_eviction_exceeded_time", String((s.evictionExceededMicroseconds + exceeded) / 1000)),
            ("current_eviction_exceeded_time", String(exceeded / 1000)),
            ("keyspace_hits", String(s.keyspaceHits)),
            ("keyspace_misses", String(s.keyspaceMisses)),
            ("pubsub_channels", "0"),
            ("pubsub_patterns", "0"),
            ("pubsubshard_channels", "0"),
            ("latest_fork_usec", "0"),
            ("total_forks", "0"),
            ("migrate_cached_sockets", "0"),
            ("slave_expires_tracked_keys", "0"),
            ("active_defrag_hits", "0"),
            ("active_defrag_misses", "0"),
            ("active_defrag_key_hits", "0"),
            ("active_defrag_key_misses", "0"),
            ("total_active_defrag_time", "0"),
            ("current_active_defrag_time", "0"),
            ("tracking_total_keys", "0"),
            ("tracking_total_items", "0"),
            ("tracking_total_prefixes", "0"),
            ("unexpected_error_replies", "0"),
            ("total_error_replies", String(s.totalErrorReplies)),
            ("dump_payload_sanitizations", "0"),
            ("total_reads_processed", "0"),
            ("total_writes_processed", "0"),
            ("io_threaded_reads_processed", "0"),
            ("io_threaded_writes_processed", "0"),
            ("reply_buffer_shrinks", "0"),
            ("reply_buffer_expands", "0"),
        ]
    }

    func replication() -> [(String, String)] {
        [
            ("role", "master"),
            ("connected_slaves", String(ReplicationCommands.connectedReplicas)),
            ("master_failover_state", "no-failover"),
            ("master_replid", engine.serverState.replicationID),
            ("master_replid2", String(repeating: "0", count: 40)),
            ("master_repl_offset", String(ReplicationCommands.replicationOffset)),
            ("second_repl_offset", "-1"),
            ("repl_backlog_active", "0"),
            ("repl_backlog_size", config.value(of: "repl-backlog-size")?.string ?? "1048576"),
            ("repl_backlog_first_byte_offset", "0"),
            ("repl_backlog_histlen", "0"),
        ]
    }

    func cpu() -> [(String, String)] {
        #if os(Linux)
        let me = Self.resourceUsage(Int32(RUSAGE_SELF.rawValue))
        let children = Self.resourceUsage(Int32(RUSAGE_CHILDREN.rawValue))
        let thread = Self.resourceUsage(1)  // RUSAGE_THREAD
        #else
        let me = Self.resourceUsage(RUSAGE_SELF)
        let children = Self.resourceUsage(RUSAGE_CHILDREN)
        let thread = me
        #endif
        return [
            ("used_cpu_sys", me.system),
            ("used_cpu_user", me.user),
            ("used_cpu_sys_children", children.system),
            ("used_cpu_user_children", children.user),
            ("used_cpu_sys_main_thread", thread.system),
            ("used_cpu_user_main_thread", thread.user),
        ]
    }

    func commandStats() -> [(String, String)] {
        engine.serverState.commandCounters.map { c in
            let perCall = c.calls > 0 ? Double(c.microseconds) / Double(c.calls) : 0
            return ("cmdstat_\(c.metadata.fullName)",
                    "calls=\(c.calls),usec=\(c.microseconds),usec_per_call=\(String(format: "%.2f", perCall)),"
                        + "rejected_calls=\(c.rejectedCalls),failed_calls=\(c.failedCalls)")
        }
    }

    func errorStats() -> [(String, String)] {
        engine.serverState.errorCounts.sorted { $0.key < $1.key }.map { ("errorstat_\($0.key)", "count=\($0.value)") }
    }

    /// Empty (only the header) while latency-tracking is off, as in Redis, even though
    /// the histograms recorded before are kept.
    func latencyStats() -> [(String, String)] {
        guard config.latencyTracking else { return [] }
        let percentiles = config.latencyPercentiles
        return engine.serverState.commandCounters.compactMap { c in
            guard c.latency.totalCount > 0 else { return nil }
            let values = percentiles.map { p in
                "p\(ConfigSyntax.trimmedDouble(p))=" + String(format: "%.3f", Double(c.latency.value(atPercentile: p)) / 1000)
            }
            return ("latency_percentiles_usec_\(c.metadata.fullName)", values.joined(separator: ","))
        }
    }

    func keyspace() -> [(String, String)] {
        let now = engine.commandTime
        return engine.databases.compactMap { db in
            guard db.count > 0 else { return nil }
            var total: Int64 = 0
            var counted: Int64 = 0
            for when in db.expires.values where when > now {
                total += when - now
                counted += 1
            }
            let average = counted > 0 ? total / counted : 0
            return ("db\(db.id)", "keys=\(db.count),expires=\(db.volatileCount),avg_ttl=\(average)")
        }
    }

    // MARK: Formatting and measurements

    /// Redis's `bytesToHuman`: 1016.04K, 1.60M, 0B.
    static func human(_ n: UInt64) -> String {
        let units: [(UInt64, String)] = [(1 << 10, "K"), (1 << 20, "M"), (1 << 30, "G"), (1 << 40, "T"), (1 << 50, "P")]
        for (size, unit) in units where n >= size && n < size << 10 {
            return String(format: "%.2f", Double(n) / Double(size)) + unit
        }
        return "\(n)B"
    }

    static func percent(_ value: Double) -> String { String(format: "%.2f%%", value) }
    static func ratio(_ value: Double) -> String { String(format: "%.2f", value) }

    /// `sysname release machine`, as Redis prints `os`.
    static let operatingSystem: String = {
        var name = utsname()
        uname(&name)
        func field<T>(_ value: T) -> String {
            withUnsafeBytes(of: value) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
        }
        return "\(field(name.sysname)) \(field(name.release)) \(field(name.machine))"
    }()

    /// The absolute path of the running program.
    static let executable: String = {
        let path = CommandLine.arguments.first ?? ""
        if path.hasPrefix("/") { return path }
        return FileManager.default.currentDirectoryPath + "/" + path
    }()

    /// The process's resident set size in bytes, from the kernel.
    static var residentSetSize: Int {
        #if os(Linux)
        guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return 0 }
        let fields = text.split(separator: " ")
        guard fields.count > 1, let pages = Int(fields[1]) else { return 0 }
        return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
        #else
        var info = mach_task_basic_info()
        var count = mach_msg_type_number_t(MemoryLayout<mach_task_basic_info>.size / MemoryLayout<natural_t>.size)
        let result = withUnsafeMutablePointer(to: &info) {
            $0.withMemoryRebound(to: integer_t.self, capacity: Int(count)) {
                task_info(mach_task_self_, task_flavor_t(MACH_TASK_BASIC_INFO), $0, &count)
            }
        }
        return result == KERN_SUCCESS ? Int(info.resident_size) : 0
        #endif
    }

    /// CPU seconds used, as Redis prints them: seconds.microseconds.
    static func resourceUsage(_ who: Int32) -> (system: String, user: String) {
        var usage = rusage()
        #if os(Linux)
        getrusage(who, &usage)
        #else
        getrusage(who, &usage)
        #endif
        func format(_ t: timeval) -> String { String(format: "%ld.%06ld", t.tv_sec, Int(t.tv_usec)) }
        return (format(usage.ru_stime), format(usage.ru_utime))
    }
}

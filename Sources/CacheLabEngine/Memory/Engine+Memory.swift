import Foundation

/// The memory figures INFO, MEMORY and the eviction loop read.
extension Engine {
    /// Redis's `used_memory`: the startup baseline, one client, the latency histograms of the
    /// commands run so far, and every database's keys.
    public var usedMemory: Int {
        runtimeBytes + memory.datasetAndOverhead
    }

    /// Redis's `used_memory_peak`.
    public var usedMemoryPeak: Int {
        runtimeBytes + memory.peakDatasetAndOverhead
    }

    /// What is not the keyspace: startup, the client and the latency histograms.
    @inline(__always)
    var runtimeBytes: Int {
        MemoryLedger.startupBytes + clientMemory
            + serverState.latencyHistograms * MemoryLedger.latencyHistogramBytes
    }

    /// The client's memory: its fixed part and its reply buffer, 16 kB until the first cron
    /// pass (100 ms of engine time after start) shrinks it to 1 kB (see `MemoryLedger`; the
    /// buffer regrowing for a reply over 1 kB is not modelled).
    public var clientMemory: Int {
        let fresh = commandTime - startTime < MemoryLedger.replyBufferShrinkMilliseconds
        return MemoryLedger.clientBytes
            + (fresh ? MemoryLedger.freshReplyBufferBytes : MemoryLedger.shrunkReplyBufferBytes)
    }

    /// The client's memory as INFO (`mem_clients_normal`) and MEMORY STATS (`clients.normal`)
    /// report it. Redis measures a client in its cron, not as the client allocates: until the
    /// first cron pass after the client connects the figure is 0, although `used_memory`
    /// already holds the client; from then on it is the client's memory, its reply buffer
    /// shrunk by that same pass.
    public var reportedClientMemory: Int {
        commandTime - startTime < MemoryLedger.replyBufferShrinkMilliseconds ? 0 : clientMemory
    }

    /// Redis's `used_memory_startup`.
    public var usedMemoryStartup: Int { MemoryLedger.startupBytes }

    /// The memory the process really holds (resident set size), read from /proc on Linux.
    public var residentSetSize: Int? {
        guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return nil }
        let fields = text.split(separator: " ")
        guard fields.count > 1, let pages = Int(fields[1]) else { return nil }
        return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
    }

    /// Redis's `mem_fragmentation_ratio`: RSS over used memory. CacheLab's RSS is the whole
    /// process's (Swift runtime included), so the ratio is honest about this process, not a
    /// copy of Redis's figure.
    public var memoryFragmentationRatio: Double {
        guard let rss = residentSetSize, usedMemory > 0 else { return 0 }
        return Double(rss) / Double(usedMemory)
    }

    /// Bytes in a human form as INFO prints them (e.g. `1.23M`).
    public static func humanBytes(_ n: Int) -> String {
        let d = Double(n)
        if d < 1024 { return "\(n)B" }
        if d < 1024 * 1024 { return String(format: "%.2fK", d / 1024) }
        if d < 1024 * 1024 * 1024 { return String(format: "%.2fM", d / (1024 * 1024)) }
        if d < 1024.0 * 1024 * 1024 * 1024 { return String(format: "%.2fG", d / (1024 * 1024 * 1024)) }
        return String(format: "%.2fT", d / (1024.0 * 1024 * 1024 * 1024))
    }
}

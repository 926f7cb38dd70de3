/// What the engine remembers about its own activity, beyond the keyspace and `EngineStats`:
/// per-command counters and latencies (INFO commandstats and latencystats), error counters by
/// error code (INFO errorstats), the highest memory figure seen, and per-client flags set
/// with CLIENT. CONFIG RESETSTAT clears the counters.
public final class ServerState {
    /// A random 40-hex-digit id of this engine's run (INFO `run_id`), as Redis draws one at start.
    public let runID: String
    /// The id of this engine's replication history (INFO `master_replid`), drawn at start too.
    public let replicationID: String

    /// The counters of one command (or subcommand).
    public final class CommandCounters {
        public let metadata: CommandMetadata
        public var calls: Int64 = 0
        /// Microseconds spent in the handler.
        public var microseconds: Int64 = 0
        /// Refused before running (wrong number of arguments).
        public var rejectedCalls: Int64 = 0
        /// Ran and answered with an error.
        public var failedCalls: Int64 = 0
        /// Handler latencies, for INFO latencystats.
        public var latency = LatencyHistogram()

        init(metadata: CommandMetadata) { self.metadata = metadata }
    }

    /// Counters by command, keyed by the identity of its metadata.
    private var counters: [ObjectIdentifier: CommandCounters] = [:]
    /// Error replies by error code (`ERR`, `WRONGTYPE`), for INFO errorstats.
    public private(set) var errorCounts: [String: Int64] = [:]
    /// The highest `used_memory` measured so far.
    public var peakMemory = 0
    /// Latency histograms allocated so far (one per command that ran with latency tracking
    /// on); each costs `MemoryLedger.latencyHistogramBytes` of used memory.
    public var latencyHistograms: Int {
        countPendingCall()
        return latencyHistogramCount
    }
    private var latencyHistogramCount = 0
    /// The last command's call, not yet counted (see `ServerState+PendingCall.swift`).
    var pendingCall: PendingCall?
    /// Sessions that asked CLIENT NO-EVICT ON, by id.
    public var noEvictSessions = Set<Int64>()

    /// Redis stops tracking new error codes after this many (and says so in its log).
    static let maxErrorCodes = 128

    init(seed: UInt64) {
        var generator = RandomSource(seed: seed)
        runID = (0..<40).map { _ in String(generator.below(16), radix: 16) }.joined()
        replicationID = (0..<40).map { _ in String(generator.below(16), radix: 16) }.joined()
    }

    // MARK: Recording

    /// The counters of `metadata`, created on first use.
    func counters(for metadata: CommandMetadata) -> CommandCounters {
        counters(for: Unmanaged.passUnretained(metadata)).takeUnretainedValue()
    }

    /// `counters(for:)`, unretained. The last command's counters are kept at hand: a stream of
    /// the same command (a benchmark, a pipeline) skips the table, and no reference is
    /// counted on the way (`counters` keeps every CommandCounters alive).
    @inline(__always) private func counters(for metadata: Unmanaged<CommandMetadata>) -> Unmanaged<CommandCounters> {
        if let last = lastCounters, last.metadata == metadata.toOpaque() { return last.counters }
        return insertedCounters(for: metadata)
    }

    @inline(never) private func insertedCounters(for metadata: Unmanaged<CommandMetadata>) -> Unmanaged<CommandCounters> {
        let command = metadata.takeUnretainedValue()
        let key = ObjectIdentifier(command)
        let found: CommandCounters
        if let existing = counters[key] {
            found = existing
        } else {
            found = CommandCounters(metadata: command)
            counters[key] = found
        }
        let counted = Unmanaged.passUnretained(found)
        lastCounters = (metadata.toOpaque(), counted)
        return counted
    }

    private var lastCounters: (metadata: UnsafeMutableRawPointer, counters: Unmanaged<CommandCounters>)?

    /// Adds one call to its command's counters: it ran for `microseconds` of engine time (a
    /// wall clock may step back: that counts as 0). Like Redis, latencies are kept at
    /// microsecond resolution. Commands reach this through `recordCall` (see
    /// `ServerState+PendingCall.swift`).
    func count(_ call: PendingCall) {
        counters(for: call.metadata)._withUnsafeGuaranteedRef { c in
            let duration = max(0, call.microseconds)
            c.calls += 1
            c.microseconds += duration
            if call.tracksLatency {
                if c.latency.totalCount == 0 { latencyHistogramCount += 1 }
                c.latency.record(UInt64(duration) * 1000)
            }
            if call.failed { c.failedCalls += 1 }
        }
    }

    /// Counts a command refused before it ran (its arity was wrong).
    func recordRejection(fullName: String) {
        if let metadata = Self.metadataByFullName[fullName] {
            recordRejection(metadata)
        }
    }

    /// Counts a command refused before it ran: INFO commandstats' `rejected_calls`, which
    /// Redis bumps for every refusal once it knows the command (wrong arity, OOM, not
    /// allowed inside MULTI), whether or not a transaction is open.
    func recordRejection(_ metadata: CommandMetadata) {
        counters(for: metadata).rejectedCalls += 1
    }

    /// Counts one error reply under its code: the text before the first space (looked for in
    /// the first 32 bytes), or `ERR` when there is none.
    func recordError(_ message: String) {
        let head = message.utf8.prefix(32)
        let code = head.firstIndex(of: 32).map { String(message[..<$0]) } ?? "ERR"
        if errorCounts[code] == nil && errorCounts.count >= Self.maxErrorCodes { return }
        errorCounts[code, default: 0] += 1
    }

    /// Every command and subcommand's metadata by full name (`get`, `config|get`).
    static let metadataByFullName: [String: CommandMetadata] = {
        var table: [String: CommandMetadata] = [:]
        for command in CommandMetadata.all {
            table[command.fullName] = command
            for sub in command.subcommands { table[sub.fullName] = sub }
        }
        return table
    }()

    // MARK: Reading

    /// The counters of every command that was called, refused or failed, by full name.
    public var commandCounters: [CommandCounters] {
        countPendingCall()
        return counters.values
            .filter { $0.calls > 0 || $0.rejectedCalls > 0 || $0.failedCalls > 0 }
            .sorted { $0.metadata.fullName < $1.metadata.fullName }
    }

    /// CONFIG RESETSTAT: forgets command, error and latency counters (not the peak memory).
    public func resetStatistics() {
        pendingCall = nil
        lastCounters = nil
        counters.removeAll()
        latencyHistogramCount = 0
        errorCounts.removeAll()
    }
}

/// Counting a command's call one command late, so that the counting hides behind the next
/// command's wait for memory.
///
/// Why. With a million keys, a lookup's first step, the index slot where its probe starts, is
/// rarely in the CPU's caches: fetching it from main memory takes about 120 ns on the machine
/// CacheLab is measured on (a random walk over 16 MB; 18 ns over 4 MB, which the caches
/// still hold). The engine asks for that slot at the very start of `execute` (a prefetch),
/// so the instructions a command runs *before* its lookup (resolving the name, checking
/// arity and memory) overlap with the fetch. The instructions *after* the lookup overlap
/// less: the CPU keeps a few hundred of them in flight behind a load that misses, then
/// stalls until the load completes.
///
///     execute(GET k)  prefetch slot(k) ─┬─ resolve, checks ── lookup ─ reply, counters ──
///                                       └──── memory, ~120 ns ───────┘ (waits if early)
///
/// The counters of INFO commandstats and latencystats are the largest piece of work after
/// the lookup: find the command's counters, add the call and its duration, bump a latency
/// histogram bucket. Nothing the command answers depends on them. So a call is only noted
/// when its command ends (`recordCall`: its duration is measured then, as Redis measures
/// it), and added to the counters when the next command starts, after that command's
/// prefetch (`countPendingCall`). The work is the same; only its place moves. Measured in
/// pairs of runs side by side, GETs over a million keys ran about 3% faster for it: a
/// small gain, because most of a GET's time is its thousand-odd instructions, not the wait.
///
/// No reader can tell the difference. The next command starts by counting the pending
/// call, so INFO, CONFIG RESETSTAT and the memory check before every command (each latency
/// histogram is counted in used memory) see every earlier call counted; the engine's own
/// readers of the counters (`commandCounters`, `latencyHistograms`) count it first too.
/// Errors are counted by code at once (INFO errorstats), as they are rare.
extension ServerState {
    /// A call noted by `recordCall`, waiting to be counted.
    struct PendingCall {
        /// The command's metadata, unretained: it lives for the whole process, and a retain
        /// and a release per command are two atomic operations.
        let metadata: Unmanaged<CommandMetadata>
        let microseconds: Int64
        /// Whether the command answered with an error.
        let failed: Bool
        /// Whether latency tracking was on when it ran.
        let tracksLatency: Bool
    }

    /// Notes one call of a command that ran for `microseconds` of engine time and answered
    /// `reply`; it is counted when the next command starts.
    @inline(__always)
    func recordCall(_ metadata: CommandMetadata, reply: Reply, microseconds: Int64, trackLatency: Bool) {
        // Calls inside EXEC, and blocked commands served when their key arrives, follow one
        // another without a command start in between.
        countPendingCall()
        let failed: Bool
        if case .error = reply { failed = true } else { failed = false }
        pendingCall = PendingCall(metadata: Unmanaged.passUnretained(metadata), microseconds: microseconds,
                                  failed: failed, tracksLatency: trackLatency)
        if failed, case .error(let message) = reply { recordError(message) }
    }

    /// Counts the call noted last, if it is not counted yet.
    @inline(__always) func countPendingCall() {
        if let call = pendingCall {
            pendingCall = nil
            count(call)
        }
    }
}

/// Pipelines: many commands from one client, run back to back, with their keys prefetched.
///
/// `redis-cli --pipe`, `redis-benchmark -P` and any client that pipelines send a batch of
/// commands before they read a reply. The replies must be exactly those of running the
/// commands one at a time, in order, and they are: each command goes through `execute`.
/// What a pipeline adds is foresight. Knowing the next commands, the engine asks the CPU to
/// start fetching their keys' index slots, and a little later their entries, while it is still
/// busy with the current one (the stages are explained in `KeyTable+Prefetch.swift`). The
/// cache misses of several lookups then overlap instead of queueing one after another.
///
/// The guess is cheap and safe: the first argument is taken to be a key in the client's
/// current database. When it is not (PING's message, a SELECT in between, a command whose
/// key comes later), a prefetch loads a line nobody reads, and nothing else changes.
extension Engine {
    /// How many commands ahead the first stage looks (a power of two); the second stage looks
    /// half as far.
    /// Far enough that a miss to main memory (a few hundred nanoseconds) has finished when its
    /// command runs, near enough that the lines are still in cache.
    static let prefetchDistance = 8

    /// Runs `commands` in order as one client's pipeline and returns their replies, which are
    /// those `execute(_:session:)` gives one by one (up to a QUIT or SHUTDOWN that ends it). As in Redis, replies are handed back once
    /// the whole batch has run, so writing them is not counted in any command's time.
    ///
    /// Each command is timed from the end of the one before (one clock reading per command
    /// instead of two); the prefetching in between is part of serving the pipeline.
    public func execute(pipeline commands: [[Bytes]], session: Session) -> [Reply] {
        var replies: [Reply] = []
        replies.reserveCapacity(commands.count)
        let distance = Self.prefetchDistance
        let half = distance / 2
        // The hashes of the commands between the two stages, by command number modulo distance.
        var ring = [UInt32?](repeating: nil, count: distance)
        let wrap = distance - 1
        for i in 0..<min(distance, commands.count) {
            ring[i] = withDatabase(session.databaseIndex) { prefetchHomeSlot(ofFirstKeyIn: commands[i], in: $0) }
        }
        var now = clock.nowMicroseconds
        for i in commands.indices {
            withDatabase(session.databaseIndex) { db in
                if i + half < commands.count, let hash = ring[(i + half) & wrap] { db.prefetchEntry(hash: hash) }
                if i + distance < commands.count {
                    ring[(i + distance) & wrap] = prefetchHomeSlot(ofFirstKeyIn: commands[i + distance], in: db)
                }
            }
            let (reply, finishedAt) = execute(commands[i], session: session, startedAt: now)
            replies.append(reply)
            now = finishedAt
            // After QUIT the connection is closed, after SHUTDOWN the server is gone: the rest
            // of the pipeline is never read.
            if session.wantsToClose || session.isClosedByServer || isShutDown { break }
        }
        return replies
    }

    /// Stage one for a command run on its own: its key's index slot starts loading while the
    /// command is looked up and dispatched, which takes about as long as the load itself.
    @inline(__always) func prefetchFirstKey(of argv: [Bytes], session: Session) {
        withDatabase(session.databaseIndex) { _ = prefetchHomeSlot(ofFirstKeyIn: argv, in: $0) }
    }

    /// Stage one for one command; returns the hash stage two needs, or nil when there is no key.
    @inline(__always)
    private func prefetchHomeSlot(ofFirstKeyIn argv: [Bytes], in db: Database) -> UInt32? {
        guard argv.count >= 2 else { return nil }
        return db.prefetchHomeSlot(ofKey: argv[1])
    }
}

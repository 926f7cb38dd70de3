/// EXEC: runs the queued commands, all together, and answers their replies as one array.
///
/// EXEC runs nothing when:
/// - a command was rejected while queuing: the error `EXECABORT Transaction discarded because
///   of previous errors.`;
/// - a watched key was modified since WATCH, or has expired since (Redis 7.0): a null array,
///   which is not an error but tells the client to retry.
///
/// Otherwise every queued command runs, in order, and its reply goes into the array, errors
/// included: a command failing at run time (WRONGTYPE, say) does not stop the others, and
/// nothing is rolled back. Either way the transaction ends and every key is unwatched.
extension TransactionCommands {
    static func exec(_ c: CommandContext) throws(Reply) -> Reply {
        let session = c.session
        let engine = c.engine
        guard let queued = session.queuedCommands else { throw RedisError.execWithoutMulti }
        if engine.watchedKeyHasExpired(for: session) { session.transactionIsDirty = true }
        if session.transactionHasErrors || session.transactionIsDirty {
            let reply = session.transactionHasErrors ? RedisError.execAbort : Reply.nullArray
            engine.discardTransaction(of: session)
            return reply
        }
        // Nothing the queued commands do can fail this EXEC any more.
        engine.unwatchAllKeys(of: session)
        var replies: [Reply] = []
        replies.reserveCapacity(queued.count)
        // The session stays "in MULTI" while the queue runs, as in Redis (so blocking commands
        // know not to block).
        for argv in queued {
            replies.append(run(argv, engine: engine, session: session))
        }
        engine.discardTransaction(of: session)
        return .array(replies)
    }

    /// Runs one queued command, resolving it again as the engine did when it was queued.
    private static func run(_ argv: [Bytes], engine: Engine, session: Session) -> Reply {
        switch engine.registry.resolve(argv) {
        case .command(let command):
            return engine.call(command, argv, session: session)
        case .unknownCommand:
            return RedisError.unknownCommand(argv)
        case .unknownSubcommand(let container):
            return RedisError.unknownSubcommand(argv[1], of: container.metadata.fullName)
        case .wrongArity(let fullName):
            return RedisError.wrongArity(fullName)
        }
    }
}

/// The Transactions command group: MULTI/EXEC/DISCARD and optimistic locking with WATCH.
///
/// Between MULTI and EXEC the engine queues commands instead of running them (see
/// `Engine.execute`); a command it rejects while queuing (unknown, wrong arity) dooms the
/// transaction. EXEC then runs the queue in one go, with no other command in between.
enum TransactionCommands {
    static var handlers: [String: Handler] {
        [
            "multi": Handler(multi),
            "exec": Handler(exec),
            "discard": Handler(discard),
            "watch": Handler(watch),
            "unwatch": Handler(unwatch),
        ]
    }
}

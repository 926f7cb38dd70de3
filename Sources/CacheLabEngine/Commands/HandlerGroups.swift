/// The handler groups, one per folder under `Commands/`. A new group is listed here once.
extension CommandRegistry {
    static var handlerGroups: [[String: Handler]] {
        [
            ConnectionCommands.handlers,
            ServerCommands.handlers,
            KeyCommands.handlers,
            StringCommands.handlers,
            ExpiryCommands.handlers,
            TransactionCommands.handlers,
            ListCommands.handlers,
            HashCommands.handlers,
            SetCommands.handlers,
            SortedSetCommands.handlers,
            SortCommands.handlers,
            BitmapCommands.handlers,
            HyperLogLogCommands.handlers,
            GeoCommands.handlers,
            StreamCommands.handlers,
            MemoryCommands.handlers,
            PersistenceCommands.handlers,
            ReplicationCommands.handlers,
            ClusterCommands.handlers,
        ]
    }
}

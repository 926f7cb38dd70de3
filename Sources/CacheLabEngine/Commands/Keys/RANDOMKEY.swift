/// RANDOMKEY: a key drawn uniformly at random (from the engine's seeded generator), or nil when
/// the database is empty. Expired keys the draw lands on are collected and the draw repeats, so
/// RANDOMKEY never answers a dead key.
extension KeyCommands {
    static func randomkey(_ c: CommandContext) -> Reply {
        .bulkOrNull(c.db.randomLiveKey())
    }
}

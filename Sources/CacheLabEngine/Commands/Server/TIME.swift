/// TIME: the engine clock's reading, as Unix seconds and the microseconds within that second.
///
/// It reads the engine's clock, not the system's, so `:clock +90s` in the REPL or a manual
/// clock in a test moves TIME too, exactly as it moves expiry.
extension ServerCommands {
    static func time(_ c: CommandContext) -> Reply {
        let micros = c.engine.clock.nowMicroseconds
        let seconds = micros / 1_000_000
        return .array([.bulk(Bytes(integer: seconds)), .bulk(Bytes(integer: micros - seconds * 1_000_000))])
    }
}

import CacheLabEngine

/// The interactive prompt, built like redis-cli's `host:port[db](TX)> ` with `cachelab` in
/// place of the address: `cachelab> `, `cachelab[2]> `, `cachelab(TX)> `, `cachelab[2](TX)> `.
public enum Prompt {
    public static func text(for session: Session) -> String {
        text(database: session.databaseIndex, inTransaction: session.isInTransaction)
    }

    /// redis-cli's prompt while it has no connection.
    public static let notConnected = "not connected> "

    public static func text(database: Int, inTransaction: Bool) -> String {
        var prompt = "cachelab"
        if database != 0 { prompt += "[\(database)]" }
        if inTransaction { prompt += "(TX)" }
        return prompt + "> "
    }
}

import CacheLabEngine

/// The interactive prompt, built like redis-cli's `host:port[db](TX)> ` with `cachelab` in
/// place of the address: `cachelab> `, `cachelab[2]> `, `cachelab(TX)> `, `cachelab[2](TX)> `.
public enum Prompt {
    public static func text(for session: Session) -> String {
        text(database: session.databaseIndex, inTransaction: session.isInTransaction)
    }

    public static func text(for belief: PromptBelief) -> String {
        text(database: belief.database, inTransaction: belief.inTransaction)
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

/// What redis-cli believes about its connection: the database and the transaction its prompt
/// shows.
///
/// redis-cli never asks the server which database it is on. It watches the commands it sends
/// and the kind of reply each one gets (redis-cli 7.0's `cliSendCommand`):
///
///     SELECT n   any reply but an error     database = n, read as C's atoi reads it
///     MULTI      any reply but an error     in a transaction; the database is remembered
///     EXEC       while in a transaction     out of it; after an error or a nil reply
///                                           (EXECABORT, a WATCH that failed, EXEC without
///                                           MULTI) the remembered database comes back
///     DISCARD    any reply but an error     out of it; the remembered database comes back
///     RESET      any reply but an error     database 0, out of any transaction
///
/// So the prompt can say what the server does not: inside MULTI, `SELECT 5` is only queued,
/// yet the prompt shows `[5]` at once (and keeps `[99]` after an EXEC in which `SELECT 99`
/// failed). After the server closes the connection, redis-cli connects again without sending
/// SELECT (it believes it is already there): the new connection is on database 0 while the
/// prompt still shows the old number and `(TX)`. CacheLab's REPL keeps the same belief, so
/// its prompt and its reconnections match redis-cli's line for line.
public struct PromptBelief: Equatable, Sendable {
    public private(set) var database = 0
    public private(set) var inTransaction = false
    /// The database when MULTI was sent: DISCARD, and an EXEC that failed, return to it.
    private var databaseBeforeTransaction = 0

    public init() {}

    /// The belief of a fresh connection on `database`, outside any transaction.
    public init(database: Int) {
        self.database = database
    }

    /// Updates the belief after `argv` was answered with `reply`.
    public mutating func observe(_ argv: [Bytes], reply: Reply) {
        guard let name = argv.first else { return }
        let failed: Bool
        if case .error = reply { failed = true } else { failed = false }
        let alone = argv.count == 1
        if argv.count == 2 && equalsIgnoringCase(name, "select") {
            if !failed { database = Self.atoi(argv[1]) }
        } else if alone && equalsIgnoringCase(name, "multi") {
            if !failed {
                inTransaction = true
                databaseBeforeTransaction = database
            }
        } else if alone && equalsIgnoringCase(name, "exec") {
            guard inTransaction else { return }
            inTransaction = false
            if failed || reply == .null || reply == .nullArray { database = databaseBeforeTransaction }
        } else if alone && equalsIgnoringCase(name, "discard") {
            if !failed {
                inTransaction = false
                database = databaseBeforeTransaction
            }
        } else if alone && equalsIgnoringCase(name, "reset") {
            if !failed {
                inTransaction = false
                database = 0
            }
        }
    }

    /// C's `atoi`, which redis-cli reads SELECT's argument with: leading white space, a sign,
    /// then as many digits as follow; anything else gives 0. Like glibc's, it is `strtol`
    /// (clamped to the 64-bit range) cut to a 32-bit int.
    static func atoi(_ text: Bytes) -> Int {
        var i = 0
        while i < text.count, Tokenizer.isCSpace(text[i]) { i += 1 }
        var negative = false
        if i < text.count, text[i] == UInt8(ascii: "-") || text[i] == UInt8(ascii: "+") {
            negative = text[i] == UInt8(ascii: "-")
            i += 1
        }
        var magnitude: UInt64 = 0
        var overflowed = false
        while i < text.count, text[i] >= UInt8(ascii: "0"), text[i] <= UInt8(ascii: "9") {
            let (times10, o1) = magnitude.multipliedReportingOverflow(by: 10)
            let (sum, o2) = times10.addingReportingOverflow(UInt64(text[i] - UInt8(ascii: "0")))
            if o1 || o2 { overflowed = true }
            magnitude = sum
            i += 1
        }
        let long: Int64
        if negative {
            long = overflowed || magnitude > UInt64(Int64.max) + 1 ? Int64.min : Int64(truncatingIfNeeded: 0 &- magnitude)
        } else {
            long = overflowed || magnitude > UInt64(Int64.max) ? Int64.max : Int64(magnitude)
        }
        return Int(Int32(truncatingIfNeeded: long))
    }
}

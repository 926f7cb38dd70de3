/// What belongs to one client: its selected database, its transaction, its watched keys, its
/// protocol version and name. The REPL owns one session; a server would own one per connection.
public final class Session {
    /// A unique, increasing client id (CLIENT ID).
    public let id: Int64
    /// The selected database (SELECT).
    public var databaseIndex = 0
    /// RESP protocol version chosen with HELLO: 2 or 3.
    public var protocolVersion = 2
    /// CLIENT SETNAME.
    public var name: Bytes?
    /// Unix milliseconds when the session started (CLIENT INFO age).
    public let createdAt: Int64
    /// Unix milliseconds of the last command (CLIENT INFO idle).
    public var lastInteraction: Int64

    // MARK: Transaction state

    /// Commands queued since MULTI, or nil outside a transaction.
    public var queuedCommands: [[Bytes]]?
    /// Set when a queued command was rejected (the EXEC will answer EXECABORT).
    public var transactionHasErrors = false
    /// Set when a watched key was modified (the EXEC will answer with a null array).
    public var transactionIsDirty = false
    /// Keys watched with WATCH, as (database, key).
    public var watchedKeys: [(database: Int, key: Bytes)] = []
    /// Watched keys that had already expired (but were not yet collected) at WATCH time, by
    /// database: Redis 7.0 ignores such a stale key until it is really deleted.
    public var staleWatchedKeys: [Int: Set<Bytes>] = [:]

    /// True between MULTI and EXEC/DISCARD: what `(TX)` in the prompt shows.
    public var isInTransaction: Bool { queuedCommands != nil }

    /// Whether the session may run commands while the default user has a password
    /// (`requirepass`): true when it connected without one being required, or has since
    /// authenticated (AUTH, HELLO ... AUTH). RESET makes a session log in again if one is.
    public var isAuthenticated = true

    /// Set by QUIT: the front end should close this session after printing the reply.
    public var wantsToClose = false

    /// Set by CLIENT KILL when it kills this very session: the engine has dropped the
    /// connection after the reply. A client finds out at its next command (redis-cli prints
    /// `Error: Server closed the connection` and connects again for the one after).
    public var isClosedByServer = false

    public init(id: Int64, now: Int64) {
        self.id = id
        self.createdAt = now
        self.lastInteraction = now
    }
}

/// One configuration parameter as CONFIG GET and CONFIG SET see it: its names, the kind of
/// value it takes (which decides how a new value is parsed and which error a bad one gets), its
/// default, and whether it may change at run time.
///
/// The whole table lives in `Config+Parameters.swift`; parsing is in `Config+Parsing.swift`.
public struct ConfigParameter: Sendable {
    /// The canonical name, e.g. `hash-max-listpack-entries`.
    public let name: String
    /// Older names that still work, e.g. `hash-max-ziplist-entries`. CONFIG GET lists them too.
    public let aliases: [String]
    public let kind: Kind
    /// The value a fresh server reports, in CONFIG GET's format.
    public let defaultValue: String
    public let flags: Flags
    /// The typed `Config` property that follows this parameter, if the engine acts on it.
    let binding: Binding?

    public struct Flags: OptionSet, Sendable {
        public let rawValue: Int
        public init(rawValue: Int) { self.rawValue = rawValue }
        /// Only settable at start-up: `can't set immutable config`.
        public static let immutable = Flags(rawValue: 1)
        /// Redis refuses it unless `enable-protected-configs` allows it (which is immutable
        /// and `no`): `can't set protected config`.
        public static let protected = Flags(rawValue: 2)
        /// Not matched by CONFIG GET patterns; only its exact name finds it (Redis's hidden
        /// debugging knobs; CacheLab's own knobs, so `CONFIG GET *` lists what Redis lists).
        public static let hidden = Flags(rawValue: 4)
        /// Holds a secret (Redis's SENSITIVE_CONFIG): CONFIG SET's value is redacted in the
        /// slow log and keeps the line out of the REPL's history.
        public static let sensitive = Flags(rawValue: 8)
    }

    /// How a value is written and checked, after Redis's config types.
    public enum Kind: Sendable {
        /// `yes` or `no`, any case.
        case bool
        /// A 64-bit integer within bounds (`argument must be between 0 and 10 inclusive`).
        case integer(min: Int64, max: Int64)
        /// A byte count with an optional unit (1k = 1000, 1kb = 1024, m, mb, g, gb), within bounds.
        case memory(min: Int64, max: Int64)
        /// A byte count up to 2^64-1 (maxmemory).
        case unsignedMemory
        /// A byte count, or a percentage of maxmemory written `50%` (maxmemory-clients).
        case memoryOrPercent(maxPercent: Int64)
        /// One word of a fixed list, any case; CONFIG GET shows the list's spelling. A word
        /// written `alias=name` is accepted and shown as `name`.
        case enumeration([String])
        /// Several words of a list, combined (shutdown-on-sigint: `nosave now`).
        case flagSet([(name: String, bit: Int)])
        /// Any text.
        case string
        /// A value with its own syntax and its own error messages.
        case special(Special)
    }

    /// The parameters whose syntax is their own.
    public enum Special: Sendable {
        /// `save`: pairs of seconds and changes.
        case savePoints
        /// `client-output-buffer-limit`: groups of class, hard limit, soft limit, seconds.
        case clientOutputBufferLimit
        /// `oom-score-adj-values`: three integers in -2000...2000.
        case oomScoreAdjValues
        /// `notify-keyspace-events`: a set of event-class letters.
        case keyspaceEvents
        /// `latency-tracking-info-percentiles`: numbers in 0...100.
        case percentiles
        /// `proc-title-template`: text with `{variables}`.
        case procTitleTemplate
        /// `cluster-announce-hostname`: letters, digits, hyphens and dots.
        case hostname
        /// `bind`: up to 16 addresses.
        case bindAddresses
        /// `tls-port`: CacheLab has no TLS, so only 0 is accepted.
        case tlsPort
        /// `unixsocketperm`: an octal number (immutable).
        case octal
        /// A yes/no switch for something CacheLab (like the Redis build it follows) lacks:
        /// `no` is accepted, `yes` is refused with `message`.
        case unavailableSwitch(message: String)
    }

    /// The typed properties of `Config` that parameters drive.
    enum Binding: Sendable {
        case hz, databases
        case hashMaxListpackEntries, hashMaxListpackValue, listMaxListpackSize, listCompressDepth
        case setMaxIntsetEntries, zsetMaxListpackEntries, zsetMaxListpackValue
        case streamNodeMaxBytes, streamNodeMaxEntries
        case maxmemory, maxmemoryPolicy, maxmemorySamples, maxmemoryEvictionTenacity
        case lfuLogFactor, lfuDecayTime, lruClockResolution, activeExpireEffort
        case requirePassword, latencyTracking, latencyPercentiles
        case savePoints, appendFsync
        case protoMaxBulkLength, watchdogPeriod, slowlogLogSlowerThan, slowlogMaxLength, latencyMonitorThreshold
        case lazyfreeEviction, lazyfreeExpire, lazyfreeServerDelete, lazyfreeUserDelete, lazyfreeUserFlush
    }

    init(_ name: String, aliases: [String] = [], _ kind: Kind, default defaultValue: String,
         flags: Flags = [], binding: Binding? = nil) {
        self.name = name
        self.aliases = aliases
        self.kind = kind
        self.defaultValue = defaultValue
        self.flags = flags
        self.binding = binding
    }

    public var isImmutable: Bool { flags.contains(.immutable) }
    public var isProtected: Bool { flags.contains(.protected) }
    public var isSensitive: Bool { flags.contains(.sensitive) }
    public var isHidden: Bool { flags.contains(.hidden) }
}

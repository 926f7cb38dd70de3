import Foundation

/// Reading and changing parameters by name: what CONFIG GET and CONFIG SET do, with Redis's
/// rules for patterns, aliases, duplicates and atomicity.
extension Config {
    /// A parameter found by one of its names. `spelling` is the name it was found by, in lower
    /// case (an alias stays an alias: Redis reports errors under the name that was used).
    public struct Entry: Equatable, Sendable {
        public let index: Int
        public let spelling: String
        public var parameter: ConfigParameter { ConfigParameter.all[index] }
    }

    /// Every name and alias, lower-case, to its parameter.
    static let entriesByName: [Bytes: Entry] = {
        var table: [Bytes: Entry] = [:]
        for (index, parameter) in ConfigParameter.all.enumerated() {
            for name in [parameter.name] + parameter.aliases {
                table[Bytes(name)] = Entry(index: index, spelling: name)
            }
        }
        return table
    }()

    /// Every name and alias in listing order: each parameter, then its aliases.
    static let entriesInOrder: [Entry] = ConfigParameter.all.enumerated().flatMap { index, parameter in
        ([parameter.name] + parameter.aliases).map { Entry(index: index, spelling: $0) }
    }

    /// The parameter called `name` (any case, aliases included).
    public static func entry(named name: Bytes) -> Entry? {
        entriesByName[name] ?? entriesByName[name.lowercased]
    }

    /// Whether `name` (any case, aliases included) is a parameter holding a secret.
    public static func isSensitive(_ name: Bytes) -> Bool {
        entry(named: name)?.parameter.isSensitive == true
    }

    /// The current value of a parameter, as CONFIG GET shows it.
    public func value(of name: String) -> Bytes? {
        Self.entry(named: Bytes(name)).map { values[$0.index] }
    }

    // MARK: CONFIG GET

    /// The names and values CONFIG GET answers for `patterns`, in order, each name once.
    ///
    /// A pattern without `*`, `?` or `[` is looked up directly, so it also finds hidden
    /// parameters and is answered under the spelling it was given (`CONFIG GET HZ` answers
    /// `HZ`). A glob pattern is matched, without case, against every name and alias that is not
    /// hidden. A name already answered (compared without case) is not repeated.
    public func get(patterns: [Bytes]) -> [(name: Bytes, value: Bytes)] {
        var result: [(name: Bytes, value: Bytes)] = []
        var seen = Set<Bytes>()
        for pattern in patterns {
            let isGlob = pattern.withUnsafeBytes { $0.contains { $0 == 42 || $0 == 63 || $0 == 91 } }
            if !isGlob {
                let key = pattern.lowercased
                guard !seen.contains(key), let entry = Self.entry(named: pattern) else { continue }
                seen.insert(key)
                result.append((pattern, values[entry.index]))
                continue
            }
            for entry in Self.entriesInOrder where !entry.parameter.isHidden {
                let name = Bytes(entry.spelling)
                guard !seen.contains(name), GlobMatcher.matches(pattern: pattern, name, ignoringCase: true) else { continue }
                seen.insert(name)
                result.append((name, values[entry.index]))
            }
        }
        return result
    }

    // MARK: CONFIG SET

    /// Why CONFIG SET failed, with the exact text Redis gives.
    public enum SetError: Error, Equatable {
        /// No parameter has this name.
        case unknown(name: Bytes)
        /// The parameter (named as given) cannot be set: immutable, protected or repeated.
        case refused(name: Bytes, reason: String)
        /// The value is not valid for the parameter (named in lower case, as Redis does).
        case invalidValue(name: String, error: ConfigValueError)

        public var reply: Reply {
            switch self {
            case .unknown(let name):
                return .error("ERR Unknown option or number of arguments for CONFIG SET - '\(name.sanitizedForError)'")
            case .refused(let name, let reason):
                return .error("ERR CONFIG SET failed (possibly related to argument '\(name.sanitizedForError)') - \(reason)")
            case .invalidValue(let name, let error):
                return .error("ERR CONFIG SET failed (possibly related to argument '\(name)') - \(error.message)")
            }
        }
    }

    /// Whether CONFIG SET may change the protected parameters (dir, dbfilename):
    /// enable-protected-configs `yes`, or `local`, which a session in this process always is.
    var allowsProtectedChanges: Bool { value(of: "enable-protected-configs") != "no" }

    /// `path` as an absolute path without `..` or symbolic links, as Redis reports `dir` (it
    /// changes into the folder and answers the working directory); nil when it does not exist.
    public static func resolvedPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// The checks Redis makes when it applies `dir` (it changes into the folder, so the folder
    /// must exist; CONFIG GET then answers the absolute path) and `dbfilename` (a name, not a
    /// path).
    static func checkedProtectedValue(_ value: Bytes, of parameter: ConfigParameter) throws(ConfigValueError) -> Bytes {
        switch parameter.name {
        case "dir":
            var info = stat()
            guard stat(value.string, &info) == 0 else { throw ConfigValueError(String(cString: strerror(errno))) }
            guard info.st_mode & S_IFMT == S_IFDIR else { throw ConfigValueError(String(cString: strerror(ENOTDIR))) }
            return resolvedPath(value.string).map { Bytes($0) } ?? value
        case "dbfilename":
            if value.array.contains(UInt8(ascii: "/")) { throw ConfigValueError("dbfilename can't be a path, just a filename") }
            return value
        default:
            return value
        }
    }

    /// Sets several parameters at once, all or nothing, following Redis's order of checks:
    /// first every name (unknown, immutable, protected, repeated: the first problem wins), then
    /// every value in turn; only when all are valid does any of them change.
    public func set(_ pairs: [(name: Bytes, value: Bytes)]) throws(SetError) {
        var entries: [Entry] = []
        for (name, _) in pairs {
            guard let entry = Self.entry(named: name) else { throw .unknown(name: name) }
            let parameter = entry.parameter
            if parameter.isImmutable { throw .refused(name: name, reason: "can't set immutable config") }
            if parameter.isProtected && !allowsProtectedChanges {
                throw .refused(name: name, reason: "can't set protected config")
            }
            if entries.contains(entry) { throw .refused(name: name, reason: "duplicate parameter") }
            entries.append(entry)
        }
        var staged = values
        for (entry, pair) in zip(entries, pairs) {
            do {
                staged[entry.index] = try entry.parameter.normalize(pair.value, current: staged[entry.index])
                staged[entry.index] = try Self.checkedProtectedValue(staged[entry.index], of: entry.parameter)
            } catch {
                throw .invalidValue(name: entry.spelling, error: error)
            }
        }
        for entry in entries {
            values[entry.index] = staged[entry.index]
            applyBinding(of: entry.parameter, value: staged[entry.index])
        }
    }

    /// Sets one parameter before the engine starts (command-line options, tests), when
    /// immutable and protected parameters may still be given.
    public func setAtStartup(_ name: String, _ value: String) throws(SetError) {
        guard let entry = Self.entry(named: Bytes(name)) else { throw .unknown(name: Bytes(name)) }
        do {
            values[entry.index] = try entry.parameter.normalize(Bytes(value), current: values[entry.index])
        } catch {
            throw .invalidValue(name: entry.spelling, error: error)
        }
        applyBinding(of: entry.parameter, value: values[entry.index])
    }

    // MARK: Typed properties

    /// Copies a parameter's new value into the typed property the engine reads.
    func applyBinding(of parameter: ConfigParameter, value: Bytes) {
        guard let binding = parameter.binding else { return }
        let number = value.int64Value ?? 0
        switch binding {
        case .hz: hz = Int(number)
        case .databases: databases = Int(number)
        case .hashMaxListpackEntries: hashMaxListpackEntries = number
        case .hashMaxListpackValue: hashMaxListpackValue = number
        case .listMaxListpackSize: listMaxListpackSize = number
        case .listCompressDepth: listCompressDepth = number
        case .setMaxIntsetEntries: setMaxIntsetEntries = number
        case .zsetMaxListpackEntries: zsetMaxListpackEntries = number
        case .zsetMaxListpackValue: zsetMaxListpackValue = number
        case .streamNodeMaxBytes: streamNodeMaxBytes = number
        case .streamNodeMaxEntries: streamNodeMaxEntries = number
        case .protoMaxBulkLength: protoMaxBulkLength = number
        case .lazyfreeEviction: lazyfree.eviction = value == "yes"
        case .lazyfreeExpire: lazyfree.expire = value == "yes"
        case .lazyfreeServerDelete: lazyfree.serverDelete = value == "yes"
        case .lazyfreeUserDelete: lazyfree.userDelete = value == "yes"
        case .lazyfreeUserFlush: lazyfree.userFlush = value == "yes"
        case .maxmemory: maxmemory = Int64(clamping: UInt64(value.string) ?? 0)
        case .maxmemoryPolicy: maxmemoryPolicy = value.string
        case .maxmemorySamples: maxmemorySamples = number
        case .maxmemoryEvictionTenacity: maxmemoryEvictionTenacity = number
        case .lfuLogFactor: lfuLogFactor = number
        case .lfuDecayTime: lfuDecayTime = number
        case .lruClockResolution: lruClockResolutionMilliseconds = number
        case .activeExpireEffort: activeExpireEffort = number
        case .requirePassword: requirePassword = value.isEmpty ? nil : value
        case .latencyTracking: latencyTracking = value == "yes"
        case .latencyPercentiles:
            latencyPercentiles = ConfigSyntax.split(value).compactMap { Double($0.string) }
        case .savePoints:
            let words = ConfigSyntax.split(value).compactMap { $0.int64Value }
            savePoints = stride(from: 0, to: words.count - 1, by: 2).map { (words[$0], words[$0 + 1]) }
        case .appendFsync: appendFsync = value.string
        case .slowlogLogSlowerThan: slowlogThreshold = number < 0 ? .max : number
        case .slowlogMaxLength: slowlogMaxLength = number
        case .latencyMonitorThreshold: latencyMonitorThreshold = number
        case .watchdogPeriod:
            // Redis raises a period shorter than two cron ticks to two ticks.
            let shortest = Int64(1000 / Swift.max(1, hz)) * 2
            if number > 0 && number < shortest, let entry = Self.entry(named: Bytes(parameter.name)) {
                values[entry.index] = Bytes(integer: shortest)
            }
        }
    }
}

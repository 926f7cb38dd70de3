/// COMMAND and its subcommands: what the engine says about the commands it implements.
///
/// The answers come from `CommandMetadata` (Redis's own COMMAND INFO and COMMAND DOCS trees)
/// joined with the registry, so only implemented commands and subcommands appear: COMMAND
/// COUNT grows as CacheLab grows, and a command Redis has but CacheLab lacks is unknown here
/// exactly as it is to `execute`.
extension ServerCommands {
    /// COMMAND: the COMMAND INFO entry of every implemented command.
    static func command(_ c: CommandContext) -> Reply {
        .array(c.engine.registry.sortedCommands.map(commandInfoReply))
    }

    /// COMMAND COUNT.
    static func commandCount(_ c: CommandContext) -> Reply {
        .integer(c.engine.registry.commands.count)
    }

    /// COMMAND INFO [name ...]: one entry per name (null for an unknown one); every command
    /// when no name is given.
    static func commandInfo(_ c: CommandContext) -> Reply {
        guard c.argc > 2 else { return command(c) }
        return .array(c.argv[2...].map { name in
            lookupCommand(c.engine.registry, name).map(commandInfoReply) ?? .null
        })
    }

    /// COMMAND DOCS [name ...]: a map of each known name to its documentation; every command
    /// when no name is given.
    static func commandDocs(_ c: CommandContext) -> Reply {
        let commands = c.argc > 2
            ? c.argv[2...].compactMap { lookupCommand(c.engine.registry, $0) }
            : c.engine.registry.sortedCommands
        var items: [Reply] = []
        for command in commands {
            items.append(.bulk(command.metadata.fullName))
            items.append(commandDocsReply(command))
        }
        return .map(items)
    }

    /// COMMAND LIST [FILTERBY MODULE name | ACLCAT category | PATTERN pattern]: the names of
    /// every implemented command and subcommand that pass the filter.
    static func commandList(_ c: CommandContext) throws(Reply) -> Reply {
        var filter: (RegisteredCommand) -> Bool = { _ in true }
        var i = 2
        while i < c.argc {
            guard c.argument(i, is: "FILTERBY"), c.argc - 1 - i == 2 else { throw RedisError.syntax }
            let value = c[i + 2]
            if c.argument(i + 1, is: "MODULE") {
                filter = { _ in false }  // CacheLab loads no modules.
            } else if c.argument(i + 1, is: "ACLCAT") {
                let category = "@" + value.string
                filter = { $0.metadata.categories.contains { $0.caseInsensitiveCompare(category) } }
            } else if c.argument(i + 1, is: "PATTERN") {
                filter = { GlobMatcher.matches(pattern: value, Bytes($0.metadata.fullName), ignoringCase: true) }
            } else {
                throw RedisError.syntax
            }
            i += 3
        }
        var names: [Reply] = []
        for command in c.engine.registry.sortedCommands {
            if filter(command) { names.append(.bulk(command.metadata.fullName)) }
            for sub in sortedSubcommands(command) where filter(sub) {
                names.append(.bulk(sub.metadata.fullName))
            }
        }
        return .array(names)
    }

    /// COMMAND GETKEYS command [arg ...]: the key arguments of a full command line.
    static func commandGetKeys(_ c: CommandContext) throws(Reply) -> Reply {
        let keys = try keysOfCommandLine(c)
        return .array(keys.map { .bulk(c[2 + $0.position]) })
    }

    /// COMMAND GETKEYSANDFLAGS command [arg ...]: each key with its access flags.
    static func commandGetKeysAndFlags(_ c: CommandContext) throws(Reply) -> Reply {
        let keys = try keysOfCommandLine(c)
        return .array(keys.map { .array([.bulk(c[2 + $0.position]), .set($0.flags.map { .status($0) })]) })
    }

    static func commandHelp(_ c: CommandContext) -> Reply {
        Reply.subcommandHelp("COMMAND", [
            "(no subcommand)",
            "    Return details about all Redis commands.",
            "COUNT",
            "    Return the total number of commands in this Redis server.",
            "LIST",
            "    Return a list of all commands in this Redis server.",
            "INFO [<command-name> ...]",
            "    Return details about multiple Redis commands.",
            "    If no command names are given, documentation details for all",
            "    commands are returned.",
            "DOCS [<command-name> ...]",
            "    Return documentation details about multiple Redis commands.",
            "    If no command names are given, documentation details for all",
            "    commands are returned.",
            "GETKEYS <full-command>",
            "    Return the keys from a full Redis command.",
            "GETKEYSANDFLAGS <full-command>",
            "    Return the keys and the access flags from a full Redis command.",
        ])
    }

    // MARK: Helpers

    /// The command a COMMAND INFO/DOCS name stands for: `get`, or `config|get` for a
    /// subcommand (any case). Nil when CacheLab does not implement it.
    static func lookupCommand(_ registry: CommandRegistry, _ name: Bytes) -> RegisteredCommand? {
        let parts = name.array.split(separator: UInt8(ascii: "|"), omittingEmptySubsequences: false)
        guard parts.count <= 2, let base = registry.command(named: Bytes(parts[0])) else { return nil }
        guard parts.count == 2 else { return base }
        let sub = Bytes(parts[1])
        return base.subcommands[sub] ?? base.subcommands[sub.lowercased]
    }

    /// The implemented subcommands of a container, in the order Redis lists them.
    static func sortedSubcommands(_ command: RegisteredCommand) -> [RegisteredCommand] {
        command.metadata.subcommands.compactMap { command.subcommands[Bytes($0.name)] }
    }

    /// A COMMAND INFO entry, listing only the implemented subcommands of a container.
    static func commandInfoReply(_ command: RegisteredCommand) -> Reply {
        guard command.isContainer, case .array(var fields) = command.metadata.info, fields.count > 9 else {
            return command.metadata.info
        }
        fields[9] = .array(sortedSubcommands(command).map(\.metadata.info))
        return .array(fields)
    }

    /// A COMMAND DOCS entry, listing only the implemented subcommands of a container.
    static func commandDocsReply(_ command: RegisteredCommand) -> Reply {
        guard case .map(var items)? = command.metadata.docs else { return .map([]) }
        guard command.isContainer else { return .map(items) }
        var i = 0
        while i + 1 < items.count {
            if items[i].text == "subcommands", case .map(let subs) = items[i + 1] {
                var kept: [Reply] = []
                var j = 0
                while j + 1 < subs.count {
                    let fullName = subs[j].text
                    let name = fullName.split(separator: "|").last.map(String.init) ?? fullName
                    if command.subcommands[Bytes(name)] != nil { kept += [subs[j], subs[j + 1]] }
                    j += 2
                }
                items[i + 1] = .map(kept)
            }
            i += 2
        }
        return .map(items)
    }

    /// The keys of the command line after COMMAND GETKEYS, with Redis's errors.
    static func keysOfCommandLine(_ c: CommandContext) throws(Reply) -> [KeyReference] {
        let argv = Array(c.argv[2...])
        guard let command = resolveForKeys(c.engine.registry, argv) else {
            throw Reply.error("ERR Invalid command specified")
        }
        let metadata = command.metadata
        guard metadata.hasKeyArguments else { throw Reply.error("ERR The command has no key arguments") }
        guard metadata.acceptsArgumentCount(argv.count) else {
            throw Reply.error("ERR Invalid number of arguments specified for command")
        }
        let keys = metadata.keyReferences(in: argv)
        if keys.isEmpty && !metadata.hasFlag("no_mandatory_keys") {
            throw Reply.error("ERR Invalid arguments specified for command")
        }
        return keys
    }

    /// The command a full command line runs: its subcommand when it is a container.
    static func resolveForKeys(_ registry: CommandRegistry, _ argv: [Bytes]) -> RegisteredCommand? {
        guard let base = registry.command(named: argv[0]) else { return nil }
        guard base.isContainer else { return base }
        guard argv.count >= 2 else { return nil }
        return base.subcommands[argv[1]] ?? base.subcommands[argv[1].lowercased]
    }
}

private extension String {
    func caseInsensitiveCompare(_ other: String) -> Bool {
        lowercased() == other.lowercased()
    }
}

/// INFO [section ...]: the engine's report on itself, as `field:value` lines grouped in
/// `# Section` blocks, with Redis 7.0.15's sections, fields and order.
///
/// With no argument it gives the default sections; `all` adds commandstats and latencystats;
/// `everything` is the same (CacheLab has no modules to add theirs); `default` may be mixed
/// with section names. Lines end with CRLF, sections are separated by an empty line, and the
/// text is a verbatim string (`txt`) in RESP3, a bulk string in RESP2.
extension ServerCommands {
    static func info(_ c: CommandContext) -> Reply {
        let selection = InfoSelection(Array(c.argv.dropFirst()))
        // Redis walks its table of error codes to the end for errorstats, which leaves errno
        // at 0 (see `Engine.staleRangeError`).
        c.engine.noteErrnoCleared(if: selection.sections.contains("errorstats"))
        return .verbatim(format: "txt", text: Bytes(InfoReport(engine: c.engine).text(for: selection)))
    }
}

/// Which sections an INFO call asked for.
struct InfoSelection: Equatable {
    /// Every section, in the order INFO prints them.
    static let order = ["server", "clients", "memory", "persistence", "stats", "replication", "cpu",
                        "modules", "commandstats", "errorstats", "latencystats", "cluster", "keyspace"]
    /// What INFO and INFO default print.
    static let defaults: Set<String> = ["server", "clients", "memory", "persistence", "stats", "replication",
                                        "cpu", "modules", "errorstats", "cluster", "keyspace"]

    /// Requested section names, lower-case (unknown names are kept and match nothing).
    private(set) var names: Set<String> = []
    /// `all` or `everything` was given.
    private(set) var all = false

    init(_ arguments: [Bytes]) {
        if arguments.isEmpty {
            names = Self.defaults
            return
        }
        for argument in arguments {
            let name = argument.lowercased.string
            switch name {
            case "default": names.formUnion(Self.defaults)
            case "all", "everything": all = true
            case "module_list": names.insert("modules")
            default: names.insert(name)
            }
        }
    }

    /// The sections to print, in INFO's order.
    var sections: [String] {
        Self.order.filter { all || names.contains($0) }
    }
}

/// Builds the text of INFO from the engine's state.
struct InfoReport {
    let engine: Engine

    /// The full text for a selection: sections joined by an empty line, CRLF line ends.
    func text(for selection: InfoSelection) -> String {
        var out = ""
        for (i, section) in selection.sections.enumerated() {
            if i > 0 { out += "\r\n" }
            out += "# \(Self.title(section))\r\n"
            for (field, value) in fields(of: section) {
                out += "\(field):\(value)\r\n"
            }
        }
        return out
    }

    /// The heading Redis prints for a section.
    static func title(_ section: String) -> String {
        switch section {
        case "cpu": return "CPU"
        case "commandstats": return "Commandstats"
        case "errorstats": return "Errorstats"
        case "latencystats": return "Latencystats"
        default: return section.prefix(1).uppercased() + section.dropFirst()
        }
    }

    func fields(of section: String) -> [(String, String)] {
        switch section {
        case "server": return server()
        case "clients": return clients()
        case "memory": return memory()
        case "persistence": return persistence()
        case "stats": return stats()
        case "replication": return replication()
        case "cpu": return cpu()
        case "modules": return []
        case "commandstats": return commandStats()
        case "errorstats": return errorStats()
        case "latencystats": return latencyStats()
        case "cluster": return [("cluster_enabled", "0")]
        case "keyspace": return keyspace()
        default: return []
        }
    }
}

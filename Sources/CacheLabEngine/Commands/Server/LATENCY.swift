/// LATENCY HISTOGRAM, LATEST, HISTORY, RESET and HELP: how long commands take.
///
/// HISTOGRAM reads the per-command latency histograms behind INFO latencystats (kept while
/// latency-tracking is on) as cumulative counts by powers of two of microseconds. LATEST,
/// HISTORY and RESET read the latency monitor (see `LatencyMonitor`), and so does GRAPH
/// (`LATENCY+GRAPH.swift`). DOCTOR, Redis's prose report on the monitor, is not implemented.
extension ServerCommands {
    /// LATENCY HISTOGRAM [command ...]: every command with a histogram, or the named ones
    /// (a container names its subcommands too; unknown names are skipped).
    static func latencyHistogram(_ c: CommandContext) -> Reply {
        let counters = c.engine.serverState.commandCounters.filter { $0.latency.totalCount > 0 }
        var chosen: [ServerState.CommandCounters] = []
        if c.argc == 2 {
            chosen = counters
        } else {
            for name in c.argv[2...] {
                let wanted = name.string.lowercased()
                guard ServerState.metadataByFullName[wanted] != nil else { continue }
                chosen += counters.filter { $0.metadata.fullName == wanted }
                chosen += counters.filter { $0.metadata.fullName.hasPrefix(wanted + "|") && !wanted.contains("|") }
            }
        }
        var pairs: [Reply] = []
        for counter in chosen {
            let points = counter.latency.cumulativeByPowersOfTwo()
            pairs.append(.bulk(Bytes(counter.metadata.fullName)))
            pairs.append(.map([
                .bulk("calls"), .integer(counter.latency.totalCount),
                .bulk("histogram_usec"), .map(points.flatMap { [Reply.integer($0.microseconds), .integer($0.count)] }),
            ]))
        }
        return .map(pairs)
    }

    /// LATENCY LATEST: per event, the newest sample's time and latency, and the worst ever.
    static func latencyLatest(_ c: CommandContext) -> Reply {
        .array(c.engine.latencyMonitor.series.compactMap { entry in
            guard let newest = entry.series.samples.last else { return nil }
            return .array([.bulk(Bytes(entry.event)), .integer(newest.time), .integer(newest.milliseconds),
                           .integer(entry.series.maximum)])
        })
    }

    /// LATENCY HISTORY event: the event's samples, oldest first, as time and latency pairs.
    static func latencyHistory(_ c: CommandContext) -> Reply {
        let samples = c.engine.latencyMonitor.series(of: c[2].string)?.samples ?? []
        return .array(samples.map { .array([.integer($0.time), .integer($0.milliseconds)]) })
    }

    /// LATENCY RESET [event ...]: forgets the events' samples; answers how many it reset.
    static func latencyReset(_ c: CommandContext) -> Reply {
        let events = c.argc == 2 ? nil : c.argv[2...].map(\.string)
        return .integer(Int64(c.engine.latencyMonitor.reset(events)))
    }

    static func latencyHelp(_ c: CommandContext) -> Reply {
        .subcommandHelp("LATENCY", [
            "DOCTOR",
            "    Return a human readable latency analysis report.",
            "GRAPH <event>",
            "    Return an ASCII latency graph for the <event> class.",
            "HISTORY <event>",
            "    Return time-latency samples for the <event> class.",
            "LATEST",
            "    Return the latest latency samples for all events.",
            "RESET [<event> ...]",
            "    Reset latency data of one or more <event> classes.",
            "    (default: reset all data for all event classes)",
            "HISTOGRAM [COMMAND ...]",
            "    Return a cumulative distribution of latencies in the format of a histogram for the specified command names.",
            "    If no commands are specified then all histograms are replied.",
        ])
    }
}

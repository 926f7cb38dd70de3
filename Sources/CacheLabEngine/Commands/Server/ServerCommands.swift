/// The Server command group: its handlers by full lower-case name.
///
/// CONFIG, INFO, COMMAND, SLOWLOG, LATENCY and TIME: how the engine describes and tunes itself.
enum ServerCommands {
    static var handlers: [String: Handler] {
        [
            "config|get": Handler(configGet),
            "config|set": Handler(configSet),
            "config|resetstat": Handler(configResetStat),
            "config|rewrite": Handler(configRewrite),
            "config|help": Handler(configHelp),
            "info": Handler(info),
            "command": Handler(command),
            "command|count": Handler(commandCount),
            "command|list": Handler(commandList),
            "command|info": Handler(commandInfo),
            "command|docs": Handler(commandDocs),
            "command|getkeys": Handler(commandGetKeys),
            "command|getkeysandflags": Handler(commandGetKeysAndFlags),
            "command|help": Handler(commandHelp),
            "time": Handler(time),
            "slowlog|get": Handler(slowlogGet),
            "slowlog|len": Handler(slowlogLen),
            "slowlog|reset": Handler(slowlogReset),
            "slowlog|help": Handler(slowlogHelp),
            "latency|histogram": Handler(latencyHistogram),
            "latency|latest": Handler(latencyLatest),
            "latency|history": Handler(latencyHistory),
            "latency|graph": Handler(latencyGraph),
            "latency|reset": Handler(latencyReset),
            "latency|help": Handler(latencyHelp),
        ]
    }
}

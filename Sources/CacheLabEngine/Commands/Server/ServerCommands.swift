/// The Server command group: its handlers by full lower-case name.
///
/// CONFIG, INFO, COMMAND and TIME: how the engine describes and tunes itself.
enum ServerCommands {
    static var handlers: [String: CommandHandler] {
        [
            "config|get": configGet,
            "config|set": configSet,
            "config|resetstat": configResetStat,
            "config|rewrite": configRewrite,
            "config|help": configHelp,
            "info": info,
            "command": command,
            "command|count": commandCount,
            "command|list": commandList,
            "command|info": commandInfo,
            "command|docs": commandDocs,
            "command|getkeys": commandGetKeys,
            "command|getkeysandflags": commandGetKeysAndFlags,
            "command|help": commandHelp,
            "time": time,
        ]
    }
}

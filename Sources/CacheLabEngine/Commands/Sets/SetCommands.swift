/// The Sets command group: its handlers by full lower-case name.
enum SetCommands {
    static var handlers: [String: CommandHandler] {
        [:]
    }
}

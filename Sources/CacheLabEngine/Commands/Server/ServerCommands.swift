/// The Server command group: its handlers by full lower-case name.
enum ServerCommands {
    static var handlers: [String: CommandHandler] {
        [:]
    }
}

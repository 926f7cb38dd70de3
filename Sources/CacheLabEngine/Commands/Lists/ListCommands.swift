/// The Lists command group: its handlers by full lower-case name.
enum ListCommands {
    static var handlers: [String: CommandHandler] {
        [:]
    }
}

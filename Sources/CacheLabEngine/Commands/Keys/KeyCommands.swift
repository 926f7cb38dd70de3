/// The Keys command group: its handlers by full lower-case name.
enum KeyCommands {
    static var handlers: [String: CommandHandler] {
        [:]
    }
}

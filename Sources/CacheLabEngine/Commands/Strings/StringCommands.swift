/// The Strings command group: its handlers by full lower-case name.
enum StringCommands {
    static var handlers: [String: CommandHandler] {
        [:]
    }
}

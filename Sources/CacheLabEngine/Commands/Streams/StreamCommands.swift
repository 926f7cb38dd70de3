/// The Streams command group: its handlers by full lower-case name.
enum StreamCommands {
    static var handlers: [String: CommandHandler] {
        [:]
    }
}

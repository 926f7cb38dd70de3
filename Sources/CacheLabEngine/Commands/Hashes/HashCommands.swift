/// The Hashes command group: its handlers by full lower-case name.
enum HashCommands {
    static var handlers: [String: CommandHandler] {
        [:]
    }
}

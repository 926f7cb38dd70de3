/// The Expiry command group: its handlers by full lower-case name.
enum ExpiryCommands {
    static var handlers: [String: CommandHandler] {
        [:]
    }
}

/// The Transactions command group: its handlers by full lower-case name.
enum TransactionCommands {
    static var handlers: [String: CommandHandler] {
        [:]
    }
}

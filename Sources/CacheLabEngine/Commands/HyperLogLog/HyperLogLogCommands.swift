/// The HyperLogLog command group: its handlers by full lower-case name.
enum HyperLogLogCommands {
    static var handlers: [String: CommandHandler] {
        [:]
    }
}

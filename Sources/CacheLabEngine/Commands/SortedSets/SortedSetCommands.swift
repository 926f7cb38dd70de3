/// The SortedSets command group: its handlers by full lower-case name.
enum SortedSetCommands {
    static var handlers: [String: CommandHandler] {
        [:]
    }
}

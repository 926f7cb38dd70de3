/// The Sort command group: its handlers by full lower-case name.
enum SortCommands {
    static var handlers: [String: CommandHandler] {
        [
            "sort": sort,
            "sort_ro": sortReadOnly,
        ]
    }
}

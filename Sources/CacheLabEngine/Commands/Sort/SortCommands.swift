/// The Sort command group: its handlers by full lower-case name.
enum SortCommands {
    static var handlers: [String: Handler] {
        [
            "sort": Handler(sort),
            "sort_ro": Handler(sortReadOnly),
        ]
    }
}

/// The Bitmaps command group: its handlers by full lower-case name.
enum BitmapCommands {
    static var handlers: [String: CommandHandler] {
        [:]
    }
}

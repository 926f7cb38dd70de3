/// The Geo command group: its handlers by full lower-case name.
enum GeoCommands {
    static var handlers: [String: CommandHandler] {
        [:]
    }
}

/// The Bitmaps command group: its handlers by full lower-case name.
///
/// Bitmaps are plain strings read as arrays of bits (SETBIT, GETBIT, BITCOUNT, BITPOS, BITOP)
/// or of small integers (BITFIELD, BITFIELD_RO); each command has its own file.
enum BitmapCommands {
    static var handlers: [String: CommandHandler] {
        [
            "setbit": setbit,
            "getbit": getbit,
            "bitcount": bitcount,
            "bitpos": bitpos,
            "bitop": bitop,
            "bitfield": bitfield,
            "bitfield_ro": bitfieldRO,
        ]
    }
}

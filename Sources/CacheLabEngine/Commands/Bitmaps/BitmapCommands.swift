/// The Bitmaps command group: its handlers by full lower-case name.
///
/// Bitmaps are plain strings read as arrays of bits (SETBIT, GETBIT, BITCOUNT, BITPOS, BITOP)
/// or of small integers (BITFIELD, BITFIELD_RO); each command has its own file.
enum BitmapCommands {
    static var handlers: [String: Handler] {
        [
            "setbit": Handler(setbit),
            "getbit": Handler(getbit),
            "bitcount": Handler(bitcount),
            "bitpos": Handler(bitpos),
            "bitop": Handler(bitop),
            "bitfield": Handler(bitfield),
            "bitfield_ro": Handler(bitfieldRO),
        ]
    }
}

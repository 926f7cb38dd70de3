/// Finds a command by the name a client typed, in any letter case, on every command's path.
///
/// Every command a client sends starts here, so this lookup is on the hottest path there is.
/// A Swift `Dictionary` keyed by `Bytes` costs several hundred instructions per lookup
/// (a SipHash round over the key's hash, generic bucket probing, retains of the entry it
/// returns). Redis itself keeps its command table in a dict keyed by case-insensitive SDS
/// strings; this is the same idea, shaped for a table that never changes after start-up and
/// for names that fit in `Bytes`' inline storage (all but a handful, 14 bytes or fewer):
///
/// - A short name *is* its key: the 16 bytes of its inline storage (the bytes, zero padding,
///   the length), read as two words and folded to lower case eight letters at a time.
/// - The table is a power-of-two array of slots, at most a quarter full, probed linearly from
///   a hash of the two words. A slot holds the two words of its name beside the command, so
///   a probe compares two integers and never touches a string.
///
///     "GET"  ->  words  g e t 0 0 0 0 0 | 0 0 0 0 0 0 3 .  ->  slot hash & mask, probe on
///
/// The few longer names (`GEORADIUSBYMEMBER_RO`, `ZREMRANGEBYSCORE` ...) are folded and looked
/// up in a plain dictionary.
///
/// Commands are kept as unmanaged references: the registry's own dictionary keeps every
/// command alive for as long as the table exists, so a lookup need not retain what it only
/// looks at.
struct CommandLookupTable {
    /// A short name's two words and its command; nil marks an empty slot.
    private struct Slot {
        var low: UInt64 = 0
        var high: UInt64 = 0
        var command: Unmanaged<RegisteredCommand>? = nil
    }

    private var slots: [Slot]
    private let mask: Int
    /// Commands whose names do not fit inline, by lower-case name.
    private var longNames: [Bytes: Unmanaged<RegisteredCommand>] = [:]

    /// Builds the table from lower-case names.
    init(_ table: [Bytes: RegisteredCommand]) {
        var capacity = 16
        while capacity < table.count * 4 { capacity *= 2 }
        slots = Array(repeating: Slot(), count: capacity)
        mask = capacity - 1
        for (name, command) in table {
            let reference = Unmanaged.passUnretained(command)
            guard let (low, high) = name.inlineWords else {
                longNames[name] = reference
                continue
            }
            var index = Self.home(low, high) & mask
            while slots[index].command != nil { index = (index + 1) & mask }
            slots[index] = Slot(low: low, high: high, command: reference)
        }
    }

    /// The command called `name`, compared without regard to ASCII letter case.
    @inline(__always) func command(named name: Bytes) -> RegisteredCommand? {
        unretainedCommand(named: name)?.takeUnretainedValue()
    }

    /// `command(named:)` without taking a reference: for the engine's per-command path, where
    /// a retain and its release are two atomic operations on every command.
    @inline(__always) func unretainedCommand(named name: Bytes) -> Unmanaged<RegisteredCommand>? {
        guard let (low, high) = name.inlineWords else { return longCommand(named: name) }
        return command(low: Bytes.asciiLowercased(low), high: Bytes.asciiLowercased(high))
    }

    /// The probe, over the lower-cased words of a short name.
    @inline(__always) private func command(low: UInt64, high: UInt64) -> Unmanaged<RegisteredCommand>? {
        slots.withUnsafeBufferPointer { slots in
            var index = Self.home(low, high) & mask
            while let command = slots[index].command {
                if slots[index].low == low && slots[index].high == high { return command }
                index = (index + 1) & mask
            }
            return nil
        }
    }

    /// A name stored on the heap: a long one, or (built some other way) a short one.
    @inline(never) private func longCommand(named name: Bytes) -> Unmanaged<RegisteredCommand>? {
        let folded = name.lowercased
        if let (low, high) = folded.inlineWords { return command(low: low, high: high) }
        return longNames[folded]
    }

    /// Where a short name's probe starts: its two words mixed by multiplication, the high
    /// bits of the product taken (they depend on every bit of both words).
    @inline(__always) private static func home(_ low: UInt64, _ high: UInt64) -> Int {
        let mixed = (low ^ (high &* 0x9E37_79B9_7F4A_7C15)) &* 0xBF58_476D_1CE4_E5B9
        return Int(truncatingIfNeeded: mixed >> 40)
    }
}

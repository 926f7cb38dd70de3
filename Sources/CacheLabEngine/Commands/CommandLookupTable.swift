/// Finds a command by the name a client typed, in any letter case, on every command's path.
///
/// Every command a client sends starts here, so this lookup is on the hottest path there is.
/// A Swift `Dictionary` keyed by `Bytes` costs several hundred instructions per lookup
/// (a SipHash round over the key's hash, generic bucket probing, retains of the entry it
/// returns). Redis itself keeps its command table in a dict keyed by case-insensitive SDS
/// strings; this is the same idea, sized for a table that never changes after start-up:
///
/// - The name is folded to lower case (a few instructions for names of up to 14 bytes, which
///   are stored inline in `Bytes`) and hashed with the keyspace's own `fastHash`.
/// - The table is a power-of-two array of slots, at most half full, probed linearly from
///   `hash & mask`. Each slot keeps the full 64-bit hash, so a probe only compares names
///   when their hashes are equal: in practice one comparison per lookup.
///
/// The slots are kept as three parallel arrays, and the commands in them as unmanaged
/// references: the registry's own dictionary keeps every command alive for as long as the
/// table exists, so a lookup need not retain what it only looks at.
struct CommandLookupTable {
    private var hashes: [UInt64]
    private var names: [Bytes]
    /// Nil marks an empty slot.
    private var commands: [Unmanaged<RegisteredCommand>?]
    private let mask: Int

    /// Builds the table from lower-case names.
    init(_ table: [Bytes: RegisteredCommand]) {
        var capacity = 16
        while capacity < table.count * 2 { capacity *= 2 }
        hashes = Array(repeating: 0, count: capacity)
        names = Array(repeating: Bytes(), count: capacity)
        commands = Array(repeating: nil, count: capacity)
        mask = capacity - 1
        for (name, command) in table {
            let hash = name.fastHash
            var index = Int(truncatingIfNeeded: hash) & mask
            while commands[index] != nil { index = (index + 1) & mask }
            hashes[index] = hash
            names[index] = name
            commands[index] = Unmanaged.passUnretained(command)
        }
    }

    /// The command called `name`, compared without regard to ASCII letter case.
    @inline(__always) func command(named name: Bytes) -> RegisteredCommand? {
        let folded = name.lowercased
        let hash = folded.fastHash
        var index = Int(truncatingIfNeeded: hash) & mask
        while let command = commands[index] {
            if hashes[index] == hash && names[index] == folded { return command.takeUnretainedValue() }
            index = (index + 1) & mask
        }
        return nil
    }
}

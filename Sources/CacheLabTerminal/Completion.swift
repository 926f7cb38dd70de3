import CacheLabEngine

/// Tab completion of command names, as redis-cli 7.0's `completionCallback` does it.
///
/// The whole line so far is matched, case-insensitively, as a prefix of every help entry's
/// full name, so `se` offers `SELECT`, `SET`, `SETBIT`... and `config g` offers `CONFIG GET`.
/// After `help ` the groups (`@string`) are offered too. The REPL shows the first candidate
/// and cycles through the rest, then back to what was typed, on each further Tab.
///
/// A candidate is the entry's name as the help table spells it, in upper case, whatever the
/// case typed: `se` completes to `SELECT`, as in redis-cli. What precedes the name (`help `)
/// is kept as typed.
public enum Completion {
    public static func candidates(for line: String, table: HelpTable = .standard) -> [String] {
        let bytes = Array(line.utf8)
        var start = 0
        var includeGroups = false
        if bytes.count >= 5, bytes[0..<5].map(asciiLower) == Array("help ".utf8) {
            start = 5
            while start < bytes.count && Tokenizer.isCSpace(bytes[start]) { start += 1 }
            includeGroups = true
        }
        let kept = String(decoding: bytes[..<start], as: UTF8.self)
        let typed = bytes[start...]

        var result: [String] = []
        for entry in table.entries where entry.kind == .command || includeGroups {
            let full = Array(entry.full.utf8)
            guard typed.count <= full.count else { continue }
            if zip(typed, full).allSatisfy({ asciiLower($0) == asciiLower($1) }) {
                result.append(kept + entry.full)
            }
        }
        return result
    }
}

import CacheLabEngine

/// Tab completion of command names, as redis-cli 7.0's `completionCallback` does it.
///
/// The whole line so far is matched, case-insensitively, as a prefix of every help entry's
/// full name, so `se` offers `SELECT`, `SET`, `SETBIT`... and `config g` offers `CONFIG GET`.
/// After `help ` the groups (`@string`) are offered too. The REPL shows the first candidate
/// and cycles through the rest, then back to what was typed, on each further Tab.
///
/// One deliberate difference: redis-cli always answers in upper case; CacheLab answers in
/// the case the user typed, so `se` completes to `select` and `SE` to `SELECT`.
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
        let lowercase = typed.contains { $0 >= 97 && $0 <= 122 } && !typed.contains { $0 >= 65 && $0 <= 90 }

        var result: [String] = []
        for entry in table.entries where entry.kind == .command || includeGroups {
            let full = Array(entry.full.utf8)
            guard typed.count <= full.count else { continue }
            if zip(typed, full).allSatisfy({ asciiLower($0) == asciiLower($1) }) {
                result.append(kept + (lowercase ? entry.full.lowercased() : entry.full))
            }
        }
        return result
    }
}

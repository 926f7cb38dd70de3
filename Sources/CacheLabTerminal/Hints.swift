import CacheLabEngine

/// The grey text shown after the cursor while typing, as redis-cli 7.0's `hintsCallback`
/// computes it.
///
/// The typed line is split into arguments; the help entry whose words match the longest run
/// of leading arguments wins (so `config get` finds `CONFIG GET`, not `CONFIG`). Its syntax
/// is then shortened by one word per argument typed after the command name, stopping at the
/// first optional part (`[`): optional arguments can be skipped, so redis-cli cannot tell
/// which of them the user is typing and keeps showing them all. A space is put in front
/// unless the line already ends with one.
public enum Hints {
    public static func hint(for line: [UInt8], table: HelpTable = .standard) -> String? {
        guard let argv = Tokenizer.split(line), !argv.isEmpty else { return nil }
        let endsWithSpace = line.last.map(Tokenizer.isCSpace) ?? false

        var best: HelpEntry?
        var matched = 0
        for entry in table.entries where entry.kind == .command {
            let words = entry.words
            guard words.count <= argv.count, words.count > matched else { continue }
            if zip(argv, words).allSatisfy({ equalsIgnoringCase($0, $1) }) {
                best = entry
                matched = words.count
            }
        }
        guard let entry = best else { return nil }

        var hint = Substring(entry.params)
        var toRemove = argv.count - matched
        while toRemove > 0, let first = hint.first {
            if first == "[" { break }
            if first == " " { toRemove -= 1 }
            hint = hint.dropFirst()
        }
        return endsWithSpace ? String(hint) : " " + hint
    }

    public static func hint(for line: String, table: HelpTable = .standard) -> String? {
        hint(for: Array(line.utf8), table: table)
    }
}

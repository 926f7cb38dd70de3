#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CacheLabEngine

/// Configuration parameters given on the command line, the way redis-server takes them:
/// `cachelab --appendonly yes --save "" --maxmemory 2mb`, and where a command given on the
/// command line begins (`cachelab --raw GET greeting`).
///
/// There are some 170 parameters, too many to declare as ArgumentParser options, so the
/// arguments are scanned before ArgumentParser sees them: every `--<name> <value>` whose name
/// is a configuration parameter (except `dir`, which is a declared option) is taken out and
/// kept here, to be applied with `Config.setAtStartup` before the engine starts. Anything
/// else is left for ArgumentParser, which reports unknown options as usual.
///
/// As in redis-cli, the first word that is neither an option, an option's value nor a
/// subcommand's name starts a command, and everything from there on belongs to it:
/// `cachelab SET flag --maxmemory` stores the string `--maxmemory`.
enum StartupConfiguration {
    /// Name/value pairs in command-line order (a later one wins, as in redis-server).
    nonisolated(unsafe) static var pairs: [(name: String, value: String)] = []
    /// The index in `CommandLine.arguments` of the command's first word, if there is one.
    nonisolated(unsafe) static var commandStart: Int?
    /// Whether `--json` or `--quoted-json` was given, even if a later format flag won: in
    /// redis-cli either one also asks for RESP3, and a later `--raw` does not take that back.
    nonisolated(unsafe) static var asksForJSON = false
    /// Whether `--quoted-pattern` came after the last `--pattern`: redis-cli keeps the last.
    nonisolated(unsafe) static var lastPatternIsQuoted = false

    /// The REPL's options that take a value as the next word.
    static let optionsWithValues: Set<String> = [
        "--dir", "--seed", "-n", "-r", "-i", "-d", "-D", "-X",
        "--pipe-timeout", "--pattern", "--quoted-pattern", "--memkeys-samples",
    ]
    /// The words ArgumentParser reads as subcommands rather than as a command's name.
    static let subcommandNames: Set<String> = ["repl", "bench", "lesson", "viz", "help"]

    /// The words of the command given on the command line, byte for byte as the shell passed
    /// them (a `String` would turn bytes that are not UTF-8 into U+FFFD, and keys and values
    /// are binary-safe); nil when there is none.
    static var command: [Bytes]? {
        guard let start = commandStart else { return nil }
        return (start..<Int(CommandLine.argc)).map { index in
            guard let word = CommandLine.unsafeArgv[index] else { return Bytes() }
            return Bytes(UnsafeRawBufferPointer(start: word, count: strlen(word)))
        }
    }

    /// Splits `arguments` into what ArgumentParser should parse and the config pairs, and
    /// finds where a command begins (`commandStart`, an index into `arguments`). The
    /// command's words (and a `--` before them) are left out of `remaining`: ArgumentParser
    /// would read a first word such as `repl` as a subcommand.
    static func extract(from arguments: [String]) -> (remaining: [String], pairs: [(name: String, value: String)], commandStart: Int?) {
        var remaining: [String] = []
        var pairs: [(name: String, value: String)] = []
        var inSubcommand = false  // a tool's words are its own: no command begins among them
        var i = 0
        while i < arguments.count {
            let argument = arguments[i]
            if argument == "--" {
                guard !inSubcommand, i + 1 < arguments.count else {
                    remaining.append(contentsOf: arguments[i...])
                    return (remaining, pairs, nil)
                }
                return (remaining, pairs, i + 1)
            }
            if argument.hasPrefix("--"), i + 1 < arguments.count {
                let name = String(argument.dropFirst(2)).lowercased()
                if name != "dir", Config.entry(named: Bytes(name)) != nil {
                    pairs.append((name, arguments[i + 1]))
                    i += 2
                    continue
                }
            }
            if !inSubcommand {
                if optionsWithValues.contains(argument), i + 1 < arguments.count {
                    remaining += [argument, arguments[i + 1]]
                    i += 2
                    continue
                }
                if !argument.hasPrefix("-") || argument == "-" {
                    if !startsCommand(at: i, of: arguments) {
                        inSubcommand = argument != "repl"
                    } else {
                        return (remaining, pairs, i)
                    }
                }
            }
            remaining.append(argument)
            i += 1
        }
        return (remaining, pairs, nil)
    }

    /// Whether the word at `index` is a command's name rather than a subcommand's. `help` is
    /// ArgumentParser's own (`cachelab help bench`) unless what follows is not a subcommand,
    /// as in `cachelab help GET`, which is redis-cli's HELP.
    private static func startsCommand(at index: Int, of arguments: [String]) -> Bool {
        let word = arguments[index]
        guard subcommandNames.contains(word) else { return true }
        guard word == "help", index + 1 < arguments.count else { return false }
        return !subcommandNames.contains(arguments[index + 1])
    }
}

import CacheLabEngine

/// Configuration parameters given on the command line, the way redis-server takes them:
/// `cachelab --appendonly yes --save "" --maxmemory 2mb`.
///
/// There are some 170 parameters, too many to declare as ArgumentParser options, so the
/// arguments are scanned before ArgumentParser sees them: every `--<name> <value>` whose name
/// is a configuration parameter (except `dir`, which is a declared option) is taken out and
/// kept here, to be applied with `Config.setAtStartup` before the engine starts. Anything
/// else is left for ArgumentParser, which reports unknown options as usual.
enum StartupConfiguration {
    /// Name/value pairs in command-line order (a later one wins, as in redis-server).
    nonisolated(unsafe) static var pairs: [(name: String, value: String)] = []

    /// Splits `arguments` into what ArgumentParser should parse and the config pairs.
    static func extract(from arguments: [String]) -> (remaining: [String], pairs: [(name: String, value: String)]) {
        var remaining: [String] = []
        var pairs: [(name: String, value: String)] = []
        var i = 0
        while i < arguments.count {
            let argument = arguments[i]
            if argument == "--" {
                remaining.append(contentsOf: arguments[i...])
                break
            }
            if argument.hasPrefix("--"), i + 1 < arguments.count {
                let name = String(argument.dropFirst(2)).lowercased()
                if name != "dir", Config.entry(named: Bytes(name)) != nil {
                    pairs.append((name, arguments[i + 1]))
                    i += 2
                    continue
                }
            }
            remaining.append(argument)
            i += 1
        }
        return (remaining, pairs)
    }
}

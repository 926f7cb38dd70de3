import CacheLabEngine

/// A differential script: commands, one per line, in redis-cli syntax, run on both a real
/// redis-server and the engine; every reply must match byte for byte on the wire.
///
/// A line may start with a directive that loosens the comparison where Redis itself leaves
/// the answer open:
///
///     @unordered SMEMBERS s      the array's elements in any order
///     @unordered-pairs HGETALL h  a flat key/value array (or map) in any pair order
///     @unordered-deep SCAN 0      every nested array in any order (SCAN's key list)
///     @type RANDOMKEY             only the kind of reply (bulk, integer, ...) must match
///     @ignore TIME                run on both, compare nothing
///     @error-prefix CMD           both must fail, with the same first word (ERR, WRONGTYPE)
///     # a comment, and blank lines, are skipped
///
/// `@requires SET RPUSH ...` (a line of its own) names commands of other groups the script
/// needs to build its data; while CacheLab lacks any of them the script is cancelled (reported
/// as skipped, naming what is missing) instead of failing on every line.
struct DifferentialScript {
    enum Comparison: String {
        case exact, unordered, unorderedPairs = "unordered-pairs", unorderedDeep = "unordered-deep", type, ignore
        case errorPrefix = "error-prefix"
    }

    struct Line {
        let number: Int
        let text: String
        let argv: [Bytes]
        let comparison: Comparison
    }

    let name: String
    let lines: [Line]
    /// Commands named by `@requires` lines.
    let requiredCommands: [String]

    init(name: String, source: String) throws {
        self.name = name
        var lines: [Line] = []
        var required: [String] = []
        for (i, raw) in source.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var text = raw.trimmingCharacters(in: .whitespaces)
            if text.isEmpty || text.hasPrefix("#") { continue }
            if text.hasPrefix("@requires ") {
                required += text.split(separator: " ").dropFirst().map { $0.lowercased() }
                continue
            }
            var comparison = Comparison.exact
            if text.hasPrefix("@") {
                let parts = text.split(separator: " ", maxSplits: 1)
                guard let c = Comparison(rawValue: String(parts[0].dropFirst())), parts.count == 2 else {
                    throw ScriptError(description: "\(name):\(i + 1): unknown directive \(parts[0])")
                }
                comparison = c
                text = String(parts[1])
            }
            guard let argv = ScriptTokenizer.split(text), !argv.isEmpty else {
                throw ScriptError(description: "\(name):\(i + 1): cannot tokenize \(text)")
            }
            lines.append(Line(number: i + 1, text: text, argv: argv, comparison: comparison))
        }
        self.lines = lines
        self.requiredCommands = required
    }

    struct ScriptError: Error, CustomStringConvertible {
        let description: String
    }
}

/// Splits a script line like redis-cli does: spaces, "double quotes" with \n \r \t \" \\ \xHH
/// escapes, and 'single quotes'.
enum ScriptTokenizer {
    static func split(_ line: String) -> [Bytes]? {
        var result: [Bytes] = []
        let bytes = Array(line.utf8)
        var i = 0
        func hex(_ c: UInt8) -> UInt8? {
            switch c {
            case 48...57: return c - 48
            case 97...102: return c - 87
            case 65...70: return c - 55
            default: return nil
            }
        }
        while i < bytes.count {
            while i < bytes.count && bytes[i] == 32 { i += 1 }
            if i >= bytes.count { break }
            var current: [UInt8] = []
            if bytes[i] == 34 {
                i += 1
                var closed = false
                while i < bytes.count {
                    let c = bytes[i]
                    if c == 92 && i + 1 < bytes.count {
                        let n = bytes[i + 1]
                        if n == 120, i + 3 < bytes.count, let h = hex(bytes[i + 2]), let l = hex(bytes[i + 3]) {
                            current.append(h << 4 | l)
                            i += 4
                            continue
                        }
                        switch n {
                        case 110: current.append(10)
                        case 114: current.append(13)
                        case 116: current.append(9)
                        case 98: current.append(8)
                        case 97: current.append(7)
                        default: current.append(n)
                        }
                        i += 2
                    } else if c == 34 {
                        closed = true
                        i += 1
                        break
                    } else {
                        current.append(c)
                        i += 1
                    }
                }
                if !closed { return nil }
            } else if bytes[i] == 39 {
                i += 1
                var closed = false
                while i < bytes.count {
                    if bytes[i] == 92 && i + 1 < bytes.count && bytes[i + 1] == 39 {
                        current.append(39)
                        i += 2
                    } else if bytes[i] == 39 {
                        closed = true
                        i += 1
                        break
                    } else {
                        current.append(bytes[i])
                        i += 1
                    }
                }
                if !closed { return nil }
            } else {
                while i < bytes.count && bytes[i] != 32 {
                    current.append(bytes[i])
                    i += 1
                }
            }
            result.append(Bytes(current))
        }
        return result
    }
}

import Foundation

import CacheLabEngine

/// Splits a typed line into arguments exactly as redis-cli does (its `sdssplitargs`).
///
/// The rules, which users of redis-cli rely on when they quote binary values:
/// - arguments are separated by blanks; leading blanks are skipped with C's `isspace`
///   (space, `\t`, `\n`, `\v`, `\f`, `\r`), but an unquoted argument only ends at space,
///   `\t`, `\n`, `\r` or the end of the line;
/// - inside double quotes `\n \r \t \b \a` are control characters, `\xHH` is one byte, and
///   any other `\c` stands for `c`;
/// - inside single quotes only `\'` is an escape;
/// - a quote may start in the middle of an argument (`a"b c"` is `ab c`), but a closing quote
///   must be followed by a blank or the end of the line;
/// - an unterminated quote, or a closing quote followed by something else, makes the whole
///   line invalid: `nil`, which the REPL reports as `Invalid argument(s)`.
///
/// The line is bytes, not text, so `"\xff"` yields the byte 0xFF. Like the C original, which
/// reads a NUL-terminated string, a NUL byte ends the line.
public enum Tokenizer {
    /// The arguments of `line`, or nil when its quotes are unbalanced.
    public static func split(_ line: [UInt8]) -> [Bytes]? {
        line.withUnsafeBytes { split($0) }
    }

    /// The arguments of the UTF-8 bytes of `line`.
    public static func split(_ line: String) -> [Bytes]? {
        split(Array(line.utf8))
    }

    /// The arguments of the bytes in `line` (the hot path of piped input: no copies of the line).
    public static func split(_ line: UnsafeRawBufferPointer) -> [Bytes]? {
        let end = line.count
        var args: [Bytes] = []
        var i = 0
        // Reads the byte at `index`, or 0 past the end: the C code's terminating NUL.
        @inline(__always) func at(_ index: Int) -> UInt8 { index < end ? line[index] : 0 }

        while true {
            while i < end && isCSpace(line[i]) { i += 1 }
            if at(i) == 0 { return args }

            // Fast path: a plain argument without quotes is copied straight from the line.
            var j = i
            while j < end {
                let c = line[j]
                if c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 || c == 0
                    || c == UInt8(ascii: "\"") || c == UInt8(ascii: "'") { break }
                j += 1
            }
            if j == end || (line[j] != UInt8(ascii: "\"") && line[j] != UInt8(ascii: "'")) {
                args.append(Bytes(UnsafeRawBufferPointer(rebasing: line[i..<j])))
                if at(j) == 0 { return args }
                i = j + 1
                continue
            }

            var current: [UInt8] = []
            var inDouble = false
            var inSingle = false
            argument: while true {
                let c = at(i)
                if inDouble {
                    if c == UInt8(ascii: "\\") && at(i + 1) == UInt8(ascii: "x"),
                       let high = hexValue(at(i + 2)), let low = hexValue(at(i + 3)) {
                        current.append(high << 4 | low)
                        i += 3
                    } else if c == UInt8(ascii: "\\") && at(i + 1) != 0 {
                        i += 1
                        current.append(unescaped(at(i)))
                    } else if c == UInt8(ascii: "\"") {
                        if at(i + 1) != 0 && !isCSpace(at(i + 1)) { return nil }
                        i += 1
                        break argument
                    } else if c == 0 {
                        return nil
                    } else {
                        current.append(c)
                    }
                } else if inSingle {
                    if c == UInt8(ascii: "\\") && at(i + 1) == UInt8(ascii: "'") {
                        i += 1
                        current.append(UInt8(ascii: "'"))
                    } else if c == UInt8(ascii: "'") {
                        if at(i + 1) != 0 && !isCSpace(at(i + 1)) { return nil }
                        i += 1
                        break argument
                    } else if c == 0 {
                        return nil
                    } else {
                        current.append(c)
                    }
                } else {
                    switch c {
                    case 0x20, 0x0A, 0x0D, 0x09, 0:
                        if c != 0 { i += 1 }
                        break argument
                    case UInt8(ascii: "\""):
                        inDouble = true
                    case UInt8(ascii: "'"):
                        inSingle = true
                    default:
                        current.append(c)
                    }
                }
                i += 1
            }
            args.append(Bytes(current))
        }
    }

    /// C's `isspace` in the C locale.
    @inline(__always) static func isCSpace(_ c: UInt8) -> Bool {
        c == 0x20 || (c >= 0x09 && c <= 0x0D)
    }

    @inline(__always) static func hexValue(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): return c - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): return c - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): return c - UInt8(ascii: "A") + 10
        default: return nil
        }
    }

    /// The byte a backslash escape stands for inside double quotes.
    @inline(__always) static func unescaped(_ c: UInt8) -> UInt8 {
        switch c {
        case UInt8(ascii: "n"): return 0x0A
        case UInt8(ascii: "r"): return 0x0D
        case UInt8(ascii: "t"): return 0x09
        case UInt8(ascii: "b"): return 0x08
        case UInt8(ascii: "a"): return 0x07
        default: return c
        }
    }
}

/// The few Python argument values the lru_cache model needs to reproduce how
/// `functools.lru_cache` builds its keys: ints, floats and strings.
///
/// Python compares `3 == 3.0` as equal and gives them the same hash, so they are the same
/// dictionary key; only the key-building rules (see `LRUCacheKey`) can keep them apart.
public enum PythonValue: Hashable, Sendable, CustomStringConvertible {
    case int(Int)
    case float(Double)
    case str(String)

    /// The Python type name, used by `typed=True` keys.
    public var typeName: String {
        switch self {
        case .int: "int"
        case .float: "float"
        case .str: "str"
        }
    }

    public static func == (lhs: PythonValue, rhs: PythonValue) -> Bool {
        switch (lhs, rhs) {
        case let (.int(a), .int(b)): a == b
        case let (.float(a), .float(b)): a == b
        case let (.int(a), .float(b)), let (.float(b), .int(a)): Double(a) == b && b.rounded() == b && Int(exactly: b) == a
        case let (.str(a), .str(b)): a == b
        default: false
        }
    }

    public func hash(into hasher: inout Hasher) {
        switch self {
        case .int(let value):
            hasher.combine(0)
            hasher.combine(value)
        case .float(let value):
            // An integral float hashes like the int it equals, as in Python.
            if let exact = Int(exactly: value) {
                hasher.combine(0)
                hasher.combine(exact)
            } else {
                hasher.combine(1)
                hasher.combine(value)
            }
        case .str(let value):
            hasher.combine(2)
            hasher.combine(value)
        }
    }

    /// Parses a word as Python would read a literal: `3` is an int, `3.0` a float, `'a'` or
    /// `"a"` a string; anything else is taken as a string.
    public init(literal: String) {
        if let value = Int(literal) {
            self = .int(value)
        } else if literal.contains(where: { $0 == "." || $0 == "e" || $0 == "E" }), let value = Double(literal) {
            self = .float(value)
        } else if literal.count >= 2, let first = literal.first, first == "'" || first == "\"", literal.last == first {
            self = .str(String(literal.dropFirst().dropLast()))
        } else {
            self = .str(literal)
        }
    }

    /// How Python's `repr` prints it.
    public var description: String {
        switch self {
        case .int(let value): String(value)
        case .float(let value): value == value.rounded() && abs(value) < 1e16 ? "\(Int(value)).0" : "\(value)"
        case .str(let value): "'\(value)'"
        }
    }
}

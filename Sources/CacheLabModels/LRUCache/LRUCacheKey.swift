/// The dictionary key `functools.lru_cache` builds for one call (`_make_key`).
///
/// The rules, which decide what counts as "the same call":
/// - the key is the tuple of the positional arguments;
/// - with `typed=True` the argument types are appended, so `f(3)` and `f(3.0)` differ;
/// - with `typed=False`, a call with a single argument whose type is exactly `int` or `str`
///   uses that argument itself as the key (a fast path). A consequence: `f(3)` and `f(3.0)`
///   are still cached separately, because the key `3` is not equal to the tuple `(3.0,)`.
public enum LRUCacheKey: Hashable, Sendable {
    /// A lone int or str argument used as the key itself.
    case bare(PythonValue)
    /// The argument tuple, plus the argument types when typed.
    case tuple([PythonValue], types: [String])

    public init(arguments: [PythonValue], typed: Bool) {
        if typed {
            self = .tuple(arguments, types: arguments.map(\.typeName))
        } else if arguments.count == 1, case .float = arguments[0] {
            self = .tuple(arguments, types: [])
        } else if arguments.count == 1 {
            self = .bare(arguments[0])
        } else {
            self = .tuple(arguments, types: [])
        }
    }
}

/// The options of SET and GETEX, read as Redis's `parseExtendedStringArgumentsOrReply` reads
/// them:
///
///     SET   key value [NX | XX] [GET] [EX s | PX ms | EXAT unix-s | PXAT unix-ms | KEEPTTL]
///     GETEX key [EX s | PX ms | EXAT unix-s | PXAT unix-ms | PERSIST]
///
/// The rules, as a real server applies them:
/// - options come in any order and may repeat (`NX NX`, `GET GET`; `EX 10 EX 20` keeps 20);
/// - NX excludes XX; the four expire forms exclude each other and KEEPTTL (SET) or PERSIST
///   (GETEX), though one form may repeat;
/// - an expire keyword takes the next argument as its time, whatever it says;
/// - anything else (an unknown word, a conflict, an expire keyword at the end) is
///   `ERR syntax error`.
///
/// The time itself is only parsed later, by `absoluteExpireTime`, because Redis checks it
/// after the syntax (and, for GETEX, after looking the key up).
struct ExtendedStringOptions {
    /// Which command's options are being read.
    enum Command {
        case set, getex
    }

    /// NX: set only if the key does not exist.
    var onlyIfMissing = false
    /// XX: set only if the key exists.
    var onlyIfPresent = false
    /// GET: reply with the old value.
    var returnOld = false
    /// KEEPTTL: keep the key's current expire time.
    var keepTTL = false
    /// PERSIST (GETEX): remove the expire time.
    var persist = false
    /// The expire form given, with the position of its time argument in argv.
    var expire: (form: ExpireForm, argument: Int)?

    /// No options: a plain SET or GETEX.
    init() {}

    /// Reads the options of `c` from argument `start` on; throws `ERR syntax error`.
    init(parsing c: CommandContext, from start: Int, for command: Command) throws(Reply) {
        let isSet = command == .set
        var j = start
        while j < c.argc {
            let option = c[j]
            let hasNext = j + 1 < c.argc
            if isSet && option.matchesOption("NX") && !onlyIfPresent {
                onlyIfMissing = true
            } else if isSet && option.matchesOption("XX") && !onlyIfMissing {
                onlyIfPresent = true
            } else if isSet && option.matchesOption("GET") {
                returnOld = true
            } else if isSet && option.matchesOption("KEEPTTL") && expire == nil {
                keepTTL = true
            } else if !isSet && option.matchesOption("PERSIST") && expire == nil {
                persist = true
            } else if let form = ExpireForm(keyword: option), hasNext, !keepTTL, !persist,
                      expire == nil || expire?.form == form {
                expire = (form, j + 1)
                j += 1
            } else {
                throw RedisError.syntax
            }
            j += 1
        }
    }
}

/// The four ways SET, GETEX, SETEX and PSETEX take an expire time.
enum ExpireForm: Equatable {
    /// EX: seconds from now.
    case ex
    /// PX: milliseconds from now.
    case px
    /// EXAT: a Unix time in seconds.
    case exat
    /// PXAT: a Unix time in milliseconds.
    case pxat

    /// The form a keyword names (C-string comparison, ignoring case), or nil.
    init?(keyword: Bytes) {
        if keyword.matchesOption("EX") { self = .ex }
        else if keyword.matchesOption("PX") { self = .px }
        else if keyword.matchesOption("EXAT") { self = .exat }
        else if keyword.matchesOption("PXAT") { self = .pxat }
        else { return nil }
    }

    var inSeconds: Bool { self == .ex || self == .exat }
    var isRelative: Bool { self == .ex || self == .px }
    var isAbsolute: Bool { !isRelative }

    /// The absolute expire time, in Unix milliseconds, that `argument` gives in this form,
    /// checked as Redis's `getExpireMillisecondsOrReply` checks it: not an integer is
    /// `ERR value is not an integer or out of range`; zero, negative, too large to convert
    /// to milliseconds, or overflowing once `now` is added is
    /// `ERR invalid expire time in '<command>' command`.
    func absoluteExpireTime(_ argument: Bytes, now: Int64, command: String) throws(Reply) -> Int64 {
        guard var milliseconds = argument.int64Value else { throw RedisError.notInteger }
        if milliseconds <= 0 || (inSeconds && milliseconds > Int64.max / 1000) {
            throw RedisError.invalidExpire(command)
        }
        if inSeconds { milliseconds *= 1000 }
        // Redis adds in C and then looks for a wrapped-around (non-positive) sum.
        if isRelative { milliseconds = milliseconds &+ now }
        if milliseconds <= 0 { throw RedisError.invalidExpire(command) }
        return milliseconds
    }
}

/// Integer arguments with a range, as the set and sorted-set commands read them.
///
/// Redis reads counts with `getRangeLongFromObjectOrReply`: a strict 64-bit integer that must
/// lie in `min...max`. When the command gives its own message (`numkeys should be greater than
/// 0`), that message answers both a non-integer and an out-of-range value; without one, a
/// non-integer gets `value is not an integer or out of range` and an out-of-range value gets
/// `value is out of range, value must between <min> and <max>` (sic).
extension CommandContext {
    func rangedLong(at index: Int, min: Int64, max: Int64, message: String? = nil) throws(Reply) -> Int64 {
        guard let value = argv[index].int64Value else {
            throw message.map { Reply.error("ERR " + $0) } ?? RedisError.notInteger
        }
        guard value >= min && value <= max else {
            throw Reply.error("ERR " + (message ?? "value is out of range, value must between \(min) and \(max)"))
        }
        return value
    }

    /// A count that must be zero or more (`getPositiveLongFromObjectOrReply`).
    func nonNegativeLong(at index: Int, message: String = "value is out of range, must be positive") throws(Reply) -> Int64 {
        try rangedLong(at: index, min: 0, max: Int64.max, message: message)
    }
}

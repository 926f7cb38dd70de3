/// memcached's expiration times.
///
/// A client sends `exptime` in seconds:
/// - 0 means never expire;
/// - up to 30 days (2,592,000 s) it is relative to now;
/// - above that it is an absolute Unix time (a time already past expires the item at once);
/// - a negative value expires the item immediately.
/// Expiry is lazy: an expired item stays in memory until a read finds it (and unlinks it),
/// or the LRU tail walk or the crawler reclaims it. Time has a 1-second resolution, which
/// is why "a TTL of 1 will sometimes immediately expire".
public enum Expiry {
    public static let relativeLimit: Int64 = 60 * 60 * 24 * 30

    /// The absolute Unix second at which the item expires, or 0 for never.
    public static func absolute(_ exptime: Int64, now: Int64) -> Int64 {
        if exptime == 0 { return 0 }
        if exptime < 0 { return 1 }
        if exptime > relativeLimit { return max(exptime, 1) }
        return now + exptime
    }

    /// Whether an item with absolute expiry `at` is gone at `now`.
    public static func isExpired(_ at: Int64, now: Int64) -> Bool {
        at != 0 && at <= now
    }
}

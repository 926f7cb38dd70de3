@testable import CacheLabEngine

/// Builds a small hash from a dictionary, for tests that store one directly (KeysTests does,
/// since main's HashValue lost its dictionary initializer when the hashes work landed).
extension HashValue {
    init(_ fields: [Bytes: Bytes]) {
        self.init()
        for (field, value) in fields {
            _ = set(field, value, limits: Limits(maxEntries: 128, maxValueLength: 64))
        }
    }
}

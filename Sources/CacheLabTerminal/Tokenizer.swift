import CacheLabEngine

/// Splits a typed line into arguments exactly as redis-cli does (its `sdssplitargs`).
public enum Tokenizer {
    public static func split(_ line: [UInt8]) -> [Bytes]? {
        nil
    }
}

/// Streams in an RDB file (types 15 and 19); see `RDBWriter+Streams` for the layout.
extension RDBReader.State {
    mutating func readStream(version2: Bool, at offset: Int) throws(RDBCursor.Failure) -> Value? {
        throw fail("Stream values cannot be loaded by this CacheLab build", at: offset)
    }
}

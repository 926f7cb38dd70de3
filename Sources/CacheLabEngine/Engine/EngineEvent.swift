/// Something the engine did that a visualizer, a lesson or a test may want to see.
public enum EngineEvent: Sendable {
    /// A key was removed because its time had come (lazily or by the active expire cycle).
    case keyExpired(database: Int, key: Bytes)
    /// A key was evicted to bring used memory under maxmemory.
    case keyEvicted(EvictionReport)
}

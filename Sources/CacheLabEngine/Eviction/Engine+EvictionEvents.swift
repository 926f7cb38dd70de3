/// Turning eviction events off, for callers that run millions of evictions and look at none of
/// them (benchmarks, hit-ratio experiments): no samples or pool copies are recorded then.
extension Engine {
    /// Whether each eviction emits a `.keyEvicted` event (on by default).
    public var emitsEvictionEvents: Bool {
        get { eviction.emitsEvents }
        set { eviction.emitsEvents = newValue }
    }
}

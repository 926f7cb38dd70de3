/// Background work Redis does in `serverCron` and `beforeSleep`, run by the front end between
/// commands. With an injected clock nothing happens until the clock moves: a test or a lesson
/// decides exactly when keys are collected.
extension Engine {
    /// Runs whatever periodic work is due at the current clock reading.
    public func cron() {
        commandTime = clock.nowMilliseconds
        for task in Self.cronTasks { task(self) }
    }

    /// The periodic tasks, in order. Each decides for itself whether it is due.
    static var cronTasks: [(Engine) -> Void] {
        [
            { $0.runActiveExpireCycleIfDue() },
            { $0.finishEvictionIfCutShort() },
            { $0.persistence.cron() },
        ]
    }
}

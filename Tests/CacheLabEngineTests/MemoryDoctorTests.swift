import Testing
@testable import CacheLabEngine

/// MEMORY DOCTOR's rules, fed with figures read from a real redis-server 7.0.15 (INFO
/// memory's used_memory, used_memory_peak and used_memory_rss) together with the report that
/// server gave for them.
@Suite struct MemoryDoctorTests {
    func doctor(used: Int, peak: Int, rss: Int) -> MemoryDoctor {
        var d = MemoryDoctor(used: used, peak: peak, rss: rss)
        d.allocator = "jemalloc-5.3.0"
        return d
    }

    @Test func emptyBelowFiveMegabytes() {
        let d = doctor(used: 1_235_592, peak: 2_024_296, rss: 7_987_200)
        #expect(d.isEmpty)
        #expect(d.text.hasPrefix("Hi Sam, this instance is empty or is using very little memory, my issues detector can't be used in these conditions."))
        // However big the peak or the RSS: under 5 MB there is no judgement.
        #expect(doctor(used: 5 * 1024 * 1024 - 1, peak: 90_000_000, rss: 900_000_000).text == d.text)
    }

    @Test func allClear() {
        // 6,000 values of 1,000 bytes, then 60,000 more: nothing to say.
        for (used, peak, rss) in [(7_805_784, 7_805_784, 10_477_568), (74_498_264, 74_498_264, 78_766_080)] {
            #expect(doctor(used: used, peak: peak, rss: rss).text
                    == "Hi Sam, I can't find any memory issue in your instance. I can only account for what occurs on this base.\n")
        }
    }

    /// The 60,000 values deleted: at once, the peak and both RSS findings; 12 seconds later,
    /// the RSS gone down to 16 MB, the peak alone.
    @Test func peakAndRSSAfterDeletingMostData() {
        let atOnce = doctor(used: 8_778_584, peak: 74_498_264, rss: 83_222_528)
        #expect(atOnce.findings == [.peak, .totalRSS, .allocatorRSS])
        #expect(atOnce.text == "Sam, I detected a few issues in this Redis instance memory implants:\n\n"
            + MemoryDoctor.peakText + MemoryDoctor.totalRSSText(allocator: "jemalloc-5.3.0")
            + MemoryDoctor.allocatorRSSText + "I'm here to keep you safe, Sam. I want to help you.\n")
        #expect(atOnce.text.contains("Note: The currently used allocator is \"jemalloc-5.3.0\".\n\n * High allocator RSS overhead:"))
        let later = doctor(used: 7_790_424, peak: 74_498_264, rss: 16_494_592)
        #expect(later.findings == [.peak])
        #expect(later.text == "Sam, I detected a few issues in this Redis instance memory implants:\n\n * Peak memory: In the past this instance used more than 150% the memory that is currently using. The allocator is normally not able to release memory after a peak, so you can expect to see a big fragmentation ratio, however this is actually harmless and is only due to the memory peak, and if the Redis instance Resident Set Size (RSS) is currently bigger than expected, the memory will be used as soon as you fill the Redis instance with more data. If the memory peak was only occasional and you want to try to reclaim memory, please try the MEMORY PURGE command, otherwise the only other option is to shutdown and restart the instance.\n\nI'm here to keep you safe, Sam. I want to help you.\n")
    }

    /// The thresholds: strictly above 1.5 for the peak; above 1.4 (total) or 1.1 (allocator)
    /// for the RSS ratio, and more than 10 MB either way.
    @Test func thresholds() {
        let mb = 1 << 20
        #expect(doctor(used: 20 * mb, peak: 30 * mb, rss: 20 * mb).findings == [])
        #expect(doctor(used: 20 * mb, peak: 30 * mb + 1, rss: 20 * mb).findings == [.peak])
        #expect(doctor(used: 20 * mb, peak: 20 * mb, rss: 26 * mb).findings == [])        // 1.3: ratio only over 1.1, under 10 MB
        #expect(doctor(used: 40 * mb, peak: 40 * mb, rss: 51 * mb).findings == [.allocatorRSS]) // 1.275, 11 MB
        #expect(doctor(used: 40 * mb, peak: 40 * mb, rss: 57 * mb).findings == [.totalRSS, .allocatorRSS])
        #expect(doctor(used: 5 * mb, peak: 5 * mb, rss: 15 * mb).findings == [])          // 10 MB exactly is not more
    }

    /// MEMORY DOCTOR reads the engine's own figures: an empty engine declines; with 6 MB of
    /// data, the process's resident set (a Swift process holds tens of MB) gets reported.
    @Test func commandUsesTheEngineFigures() {
        let h = StringHarness()
        guard case .verbatim(let format, let text) = h.run("MEMORY DOCTOR") else {
            Issue.record("not a verbatim reply")
            return
        }
        #expect(format == "txt")
        #expect(text.string == MemoryDoctor.emptyText)
        let value = String(repeating: "v", count: 1000)
        for i in 0..<6000 { h.run("SET k\(i) \(value)") }
        let report = MemoryReport(engine: h.engine)
        if case .verbatim(_, let full) = h.run("MEMORY DOCTOR") {
            #expect(full.string == MemoryDoctor(report: report).text)
            #expect(full.string.contains("\"libc\"") == MemoryDoctor(report: report).findings.contains(.totalRSS))
        }
    }
}

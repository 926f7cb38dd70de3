/// MEMORY DOCTOR: Redis 7.0's memory advice, by its own rules, applied to CacheLab's figures.
///
/// Redis first declines to judge an instance using under 5 MB. Above that it looks for:
///
///     peak memory           peak / used > 1.5
///     high total RSS        rss / used > 1.4, and rss - used > 10 MB
///     high allocator frag.  allocator active / allocated > 1.1, and 10 MB more
///     allocator RSS         allocator resident / active > 1.1, and 10 MB more
///     process RSS           process RSS / allocator resident > 1.1, and 10 MB more
///     big client buffers    more than 200 kB per normal client on average
///     big replica buffers   more than 10 MB of replica output buffers
///     many scripts          more than 1,000 cached scripts
///
/// and answers with one paragraph per finding between a fixed greeting and a fixed closing,
/// or a fixed all-clear. CacheLab's figures are those INFO shows: used memory from the memory
/// model; the allocator holds exactly that (active = allocated, so no allocator
/// fragmentation), and its resident set is the whole process's (so the allocator's RSS
/// overhead is the total one, and there is none beyond it). Its single client's buffers stay
/// far under 200 kB, and it has no replicas and no scripts, so the last three never fire.
/// The resident set of a Swift process is tens of megabytes before any data: once past 5 MB,
/// a small dataset gets the two RSS findings, which are true of this process.
///
/// The texts are Redis 7.0.15's, measured: empty server; 6 MB of values (all clear); 66 MB
/// stored then 60 MB deleted (peak, total RSS, allocator RSS; 12 seconds later, once jemalloc
/// had returned its dirty pages, the peak alone).
public struct MemoryDoctor: Sendable {
    public var used: Int
    public var peak: Int
    public var rss: Int
    /// What INFO's `mem_allocator` reports, named in the total RSS advice.
    public var allocator = "libc"

    public init(used: Int, peak: Int, rss: Int) {
        self.used = used
        self.peak = peak
        self.rss = rss
    }

    public init(report: MemoryReport) {
        self.init(used: report.used, peak: report.peak, rss: report.rss)
    }

    static let emptyBelow = 5 * 1024 * 1024
    static let significantBytes = 10 << 20

    /// The findings, in Redis's order.
    public enum Finding: Sendable, Equatable {
        case peak, totalRSS, allocatorRSS
    }

    /// Whether Redis would call the instance empty (under 5 MB used).
    public var isEmpty: Bool { used < Self.emptyBelow }

    public var findings: [Finding] {
        guard !isEmpty, used > 0 else { return [] }
        var found: [Finding] = []
        let ratio = Double(rss) / Double(used)
        if Double(peak) / Double(used) > 1.5 { found.append(.peak) }
        if ratio > 1.4 && rss - used > Self.significantBytes { found.append(.totalRSS) }
        if ratio > 1.1 && rss - used > Self.significantBytes { found.append(.allocatorRSS) }
        return found
    }

    /// The report MEMORY DOCTOR replies with.
    public var text: String {
        if isEmpty { return Self.emptyText }
        let found = findings
        if found.isEmpty { return Self.allClearText }
        var text = "Sam, I detected a few issues in this Redis instance memory implants:\n\n"
        for finding in found {
            switch finding {
            case .peak: text += Self.peakText
            case .totalRSS: text += Self.totalRSSText(allocator: allocator)
            case .allocatorRSS: text += Self.allocatorRSSText
            }
        }
        return text + "I'm here to keep you safe, Sam. I want to help you.\n"
    }

    static let emptyText = "Hi Sam, this instance is empty or is using very little memory, my issues detector can't be used in these conditions. Please, leave for your mission on Earth and fill it with some data. The new Sam and I will be back to our programming as soon as I finished rebooting.\n"

    static let allClearText = "Hi Sam, I can't find any memory issue in your instance. I can only account for what occurs on this base.\n"

    static let peakText = " * Peak memory: In the past this instance used more than 150% the memory that is currently using. The allocator is normally not able to release memory after a peak, so you can expect to see a big fragmentation ratio, however this is actually harmless and is only due to the memory peak, and if the Redis instance Resident Set Size (RSS) is currently bigger than expected, the memory will be used as soon as you fill the Redis instance with more data. If the memory peak was only occasional and you want to try to reclaim memory, please try the MEMORY PURGE command, otherwise the only other option is to shutdown and restart the instance.\n\n"

    static func totalRSSText(allocator: String) -> String {
        " * High total RSS: This instance has a memory fragmentation and RSS overhead greater than 1.4 (this means that the Resident Set Size of the Redis process is much larger than the sum of the logical allocations Redis performed). This problem is usually due either to a large peak memory (check if there is a peak memory entry above in the report) or may result from a workload that causes the allocator to fragment memory a lot. If the problem is a large peak memory, then there is no issue. Otherwise, make sure you are using the Jemalloc allocator and not the default libc malloc. Note: The currently used allocator is \"\(allocator)\".\n\n"
    }

    static let allocatorRSSText = " * High allocator RSS overhead: This instance has an RSS memory overhead is greater than 1.1 (this means that the Resident Set Size of the allocator is much larger than the sum what the allocator actually holds). This problem is usually due to a large peak memory (check if there is a peak memory entry above in the report), you can try the MEMORY PURGE command to reclaim it.\n\n"
}

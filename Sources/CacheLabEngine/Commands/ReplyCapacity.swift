import Foundation

/// How many elements a reply built in memory may hold.
///
/// Why. A negative count asks SRANDMEMBER, HRANDFIELD and ZRANDMEMBER for that many draws with
/// repeats, and Redis 7.0 takes any count up to 2^63-1: it streams the draws to the socket
/// while the client's output buffer grows until memory runs out. CacheLab builds a reply
/// whole before printing it, so such a count would ask the allocator for more than the
/// machine has, and the process would stop, taking the session's unsaved keys with it. A
/// count whose elements alone could not fit in half the machine's memory is refused instead,
/// with the range error Redis gives for counts it cannot serve.
enum ReplyCapacity {
    /// The most elements a reply may have on this machine: a few hundred million with
    /// gigabytes of memory.
    static let maximumElements: Int = {
        let half = ProcessInfo.processInfo.physicalMemory / 2
        return Int(clamping: half) / MemoryLayout<Reply>.stride
    }()

    static let tooLarge = Reply.error("ERR value is out of range")

    /// Throws `tooLarge` when a reply of `elements` elements could not be built.
    static func check(_ elements: Int) throws(Reply) {
        if elements > maximumElements { throw tooLarge }
    }
}

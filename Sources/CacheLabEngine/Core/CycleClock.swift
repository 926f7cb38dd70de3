import CCycleCounter
import Foundation

/// The system's wall clock, read from the CPU's cycle counter between real readings.
///
/// Why. The engine reads the clock twice per command: when the command starts (the time its
/// keys' expiry is judged against) and when it ends (INFO commandstats and latencystats).
/// Asking the system with `gettimeofday` costs about 25 ns on the machines CacheLab is
/// measured on: a vDSO call that reads the cycle counter itself, then checks a sequence lock
/// and scales. Reading the counter directly costs about 10 ns. Twice per command, against a
/// GET of about 200 ns, that is 5 to 10% of every command. (Redis makes the same trade for
/// its durations when built with its processor clock.)
///
/// How. A real reading pins an *anchor*: a cycle count and the microseconds the system said
/// at that count. For the next millisecond's worth of cycles, a reading is the anchor's time
/// plus the cycles elapsed times a rate (microseconds per cycle); after that, the next reading
/// is a real one again and pins a new anchor:
///
///     cycles:  a0 ───────── c ───────── a0 + 1 ms of cycles ── a1 (real reading)
///     time:    t0           t0 + (c - a0) × rate               t1
///
/// The rate is measured against the system clock itself, between the first anchor (the
/// *baseline*) and each new one. The baseline is kept, so the measurement sharpens as time
/// passes; until it spans 20 ms, every reading is a real one.
///
/// Trust. An extrapolated reading is off by the rate's error times at most a millisecond:
/// well under a microsecond. When the system clock is set (by hand, or stepped by NTP), the next
/// anchor reads the new time at once. If the step is large against the baseline, the rate
/// measured across it comes out wrong by more than 0.1%, and the clock drops its baseline and
/// starts measuring again; a smaller step leaves the rate all but unchanged. A counter
/// that seems to go backwards shows as an enormous elapsed count, which forces a real reading.
/// Where the kernel does not keep time with the counter itself (its clocksource is not `tsc`
/// or `arch_sys_counter`), or there is no counter, every reading is a real one.
///
/// A reading updates the anchor, so one clock must not be read from two threads at once; the
/// engine reads its clock from its one thread, like everything else it does.
struct CycleClock<Source: CycleClockSource> {
    /// Where the counter and the real readings come from: the hardware, or a test's script.
    private let source: Source
    /// Whether readings may be extrapolated at all (see `counterKeepsTime`).
    private let extrapolates: Bool
    private var anchorCycles: UInt64 = 0
    private var anchorMicroseconds: Int64 = 0
    /// How many cycles after the anchor a reading may be extrapolated: a millisecond's worth
    /// once the rate is known, 0 (every reading is real) before, and always 0 when the clock
    /// does not extrapolate.
    private var anchorSpan: UInt64 = 0
    /// The rate, in microseconds per cycle times 2^32: fixed point, so that a reading is a
    /// multiply and a shift. Extrapolating over at most a millisecond, the product is at most
    /// about 1000 × 2^32 whatever the counter's frequency, far below 2^64.
    private var microsecondsPerCycleScaled: UInt64 = 0
    private var baseline: (cycles: UInt64, microseconds: Int64)?

    /// Half a microsecond in the fixed point: extrapolations round to the nearest microsecond.
    private static var half: UInt64 { 1 << 31 }
    /// How long the baseline must be before its rate is used.
    static var calibrationMicroseconds: Int64 { 20_000 }
    /// How far a newly measured rate may stray from the one in use before the baseline is
    /// judged broken by a clock step.
    static var rateTolerance: Double { 0.001 }

    init(source: Source) {
        self.source = source
        extrapolates = source.counterKeepsTime
    }

    /// Whether the next reading within the anchor's span would be extrapolated.
    var isCalibrated: Bool { anchorSpan > 0 }

    /// Microseconds since the Unix epoch.
    @inline(__always) mutating func nowMicroseconds() -> Int64 {
        let cycles = source.cycles()
        let elapsed = cycles &- anchorCycles
        if elapsed < anchorSpan {
            return anchorMicroseconds &+ Int64(truncatingIfNeeded: (elapsed &* microsecondsPerCycleScaled &+ Self.half) >> 32)
        }
        return reanchor(at: cycles)
    }

    /// Takes a real reading, pins it as the new anchor and refines the rate from the baseline.
    private mutating func reanchor(at cycles: UInt64) -> Int64 {
        let now = source.systemMicroseconds()
        guard extrapolates else { return now }
        // An anchor pairs a count with a time, so nothing may come between the two readings: a
        // thread preempted there would pin a time tens of microseconds old for a millisecond of
        // readings (measured: 23 µs, with the tests running beside it). Such a reading is
        // still a true time; it just does not become an anchor, and the next reading tries again.
        guard source.cycles() &- cycles <= anchorGapLimit else { return now }
        anchorCycles = cycles
        anchorMicroseconds = now
        guard let start = baseline, cycles > start.cycles, now > start.microseconds else {
            restartCalibration(cycles: cycles, microseconds: now)
            return now
        }
        let span = now - start.microseconds
        guard span >= Self.calibrationMicroseconds else { return now }
        let rate = Double(span) / Double(cycles - start.cycles)
        let scaled = rate * 0x1_0000_0000
        let current = Double(microsecondsPerCycleScaled)
        guard scaled >= 1, scaled < 0x1_0000_0000,
              anchorSpan == 0 || abs(scaled / current - 1) <= Self.rateTolerance else {
            restartCalibration(cycles: cycles, microseconds: now)
            return now
        }
        microsecondsPerCycleScaled = UInt64(scaled.rounded())
        anchorSpan = UInt64(1000 / rate)
        return now
    }

    /// The most cycles allowed between an anchor's count and its real reading: a
    /// microsecond's worth once the rate is known; before, 10,000 (a microsecond at 10 GHz,
    /// and a real reading takes tens of nanoseconds).
    private var anchorGapLimit: UInt64 {
        anchorSpan > 0 ? anchorSpan / 1000 : 10_000
    }

    private mutating func restartCalibration(cycles: UInt64, microseconds: Int64) {
        baseline = (cycles, microseconds)
        anchorSpan = 0
    }
}

/// The two readings a `CycleClock` combines.
protocol CycleClockSource {
    /// The free-running counter.
    func cycles() -> UInt64
    /// The system's wall clock, in microseconds since the Unix epoch.
    func systemMicroseconds() -> Int64
    /// Whether the counter may be trusted to extrapolate the wall clock.
    var counterKeepsTime: Bool { get }
}

/// The CPU's counter and `gettimeofday`.
struct HardwareClockSource: CycleClockSource {
    let counterKeepsTime = Self.kernelKeepsTimeWithCounter

    @inline(__always) func cycles() -> UInt64 { cachelab_cycle_counter() }

    @inline(__always) func systemMicroseconds() -> Int64 {
        var tv = timeval()
        gettimeofday(&tv, nil)
        return Int64(tv.tv_sec) * 1_000_000 + Int64(tv.tv_usec)
    }

    /// Whether the kernel keeps time with the very counter this clock reads, which it does only
    /// when the counter ticks at a constant rate and agrees across cores.
    static let kernelKeepsTimeWithCounter: Bool = {
        guard cachelab_has_cycle_counter() != 0 else { return false }
        let path = "/sys/devices/system/clocksource/clocksource0/current_clocksource"
        guard let source = try? String(contentsOfFile: path, encoding: .utf8) else { return false }
        let name = source.trimmingCharacters(in: .whitespacesAndNewlines)
        return name == "tsc" || name == "arch_sys_counter"
    }()
}

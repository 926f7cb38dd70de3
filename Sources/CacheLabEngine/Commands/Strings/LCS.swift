/// LCS key1 key2 [LEN] [IDX] [MINMATCHLEN len] [WITHMATCHLEN]
///
/// The longest common subsequence of two strings: the longest string whose bytes appear in
/// both, in order but not necessarily next to each other. LCS("ohmytext", "mynewtext") is
/// "mytext".
///
/// Algorithm (classic dynamic programming, as Redis does it). Let `T[i][j]` be the LCS length
/// of the first `i` bytes of A and the first `j` bytes of B. Then `T[0][j] = T[i][0] = 0`, and
///
///     T[i][j] = T[i-1][j-1] + 1                if A[i-1] == B[j-1]
///             = max(T[i-1][j], T[i][j-1])      otherwise
///
/// `T[lenA][lenB]` is the answer to LEN. To recover the string, walk back from the bottom
/// right corner: on equal bytes take the byte and step diagonally; otherwise step towards the
/// larger neighbour, `i - 1` only when `T[i-1][j] > T[i][j-1]` (a tie steps `j - 1`: that
/// choice decides which of several equally long answers Redis gives, so it is kept).
///
/// IDX reports the runs of consecutive diagonal steps as ranges, last ones first:
/// `[[startA, endA], [startB, endB]]` (plus the run's length with WITHMATCHLEN), skipping runs
/// shorter than MINMATCHLEN. The reply is a map `{matches: [...], len: n}` (a flat array in
/// RESP2). The table takes 4 bytes per cell; like Redis we refuse one larger than
/// `proto-max-bulk-len` (512 MB by default).
extension StringCommands {
    static let lcsNeedsStrings = Reply.error("ERR The specified keys must contain string values")
    static let lcsLenAndIdx = Reply.error("ERR If you want both the length and indexes, please just use IDX.")
    static let lcsTooLarge = Reply.error("ERR Insufficient memory, transient memory for LCS exceeds proto-max-bulk-len")

    static func lcs(_ c: CommandContext) throws(Reply) -> Reply {
        let db = c.db
        let first = db.lookupRead(c[1])
        let second = db.lookupRead(c[2])
        guard let a = lcsOperand(first), let b = lcsOperand(second) else { throw lcsNeedsStrings }

        var wantLength = false
        var wantIndexes = false
        var withMatchLength = false
        var minMatchLength: Int64 = 0
        var j = 3
        while j < c.argc {
            let option = c[j]
            if option.matchesOption("IDX") {
                wantIndexes = true
            } else if option.matchesOption("LEN") {
                wantLength = true
            } else if option.matchesOption("WITHMATCHLEN") {
                withMatchLength = true
            } else if option.matchesOption("MINMATCHLEN") && j + 1 < c.argc {
                minMatchLength = max(0, try c.integer(at: j + 1))
                j += 1
            } else {
                throw RedisError.syntax
            }
            j += 1
        }
        if wantIndexes && wantLength { throw lcsLenAndIdx }

        let cells = (a.count + 1) * (b.count + 1)
        if Int64(cells) * 4 > c.engine.config.protoMaxBulkLength { throw lcsTooLarge }

        let search = LCSSearch(a: a, b: b)
        if wantLength { return .integer(Int64(search.length)) }
        let (common, runs) = search.backtrack()
        guard wantIndexes else { return .bulk(common) }
        var matches: [Reply] = []
        for run in runs where minMatchLength == 0 || Int64(run.length) >= minMatchLength {
            var item: [Reply] = [
                .array([.integer(run.startA), .integer(run.startA + run.length - 1)]),
                .array([.integer(run.startB), .integer(run.startB + run.length - 1)]),
            ]
            if withMatchLength { item.append(.integer(run.length)) }
            matches.append(.array(item))
        }
        return .map([.bulk("matches"), .array(matches), .bulk("len"), .integer(Int64(search.length))])
    }

    /// The bytes LCS compares for a looked-up value: "" for a missing key, nil for a key that
    /// is not a string.
    private static func lcsOperand(_ value: Value?) -> Bytes? {
        switch value {
        case nil: return Bytes()
        case .string(let string)?: return string.bytes
        default: return nil
        }
    }
}

/// The LCS table of two strings and the walk back through it (see `StringCommands.lcs`).
struct LCSSearch {
    /// A run of matching bytes: A[startA ..< startA+length] == B[startB ..< startB+length].
    struct Run {
        var startA: Int
        var startB: Int
        var length: Int
    }

    let a: [UInt8]
    let b: [UInt8]
    /// Row-major `(a.count + 1) × (b.count + 1)` table: T[i][j] at `i * (b.count + 1) + j`.
    private var table: [UInt32]

    init(a first: Bytes, b second: Bytes) {
        let first = first.array
        let second = second.array
        let width = second.count + 1
        var table = [UInt32](repeating: 0, count: (first.count + 1) * width)
        first.withUnsafeBufferPointer { a in
            second.withUnsafeBufferPointer { b in
                table.withUnsafeMutableBufferPointer { t in
                    guard a.count > 0 && b.count > 0 else { return }
                    for i in 1...a.count {
                        let row = i * width
                        let previousRow = row - width
                        let byte = a[i - 1]
                        for j in 1...b.count {
                            if byte == b[j - 1] {
                                t[row + j] = t[previousRow + j - 1] + 1
                            } else {
                                t[row + j] = max(t[previousRow + j], t[row + j - 1])
                            }
                        }
                    }
                }
            }
        }
        self.a = first
        self.b = second
        self.table = table
    }

    /// The length of the longest common subsequence.
    var length: Int { Int(table[table.count - 1]) }

    private func cell(_ i: Int, _ j: Int) -> UInt32 { table[i * (b.count + 1) + j] }

    /// The common subsequence itself, and its runs of consecutive matches in the order the
    /// walk from the end meets them (last run first).
    func backtrack() -> (common: Bytes, runs: [Run]) {
        var common = [UInt8](repeating: 0, count: length)
        var filled = common.count
        var runs: [Run] = []
        var current: Run?
        var i = a.count
        var j = b.count
        while i > 0 && j > 0 {
            if a[i - 1] == b[j - 1] {
                filled -= 1
                common[filled] = a[i - 1]
                // A match right after a match extends the run backwards.
                if var run = current {
                    run.startA -= 1
                    run.startB -= 1
                    run.length += 1
                    current = run
                } else {
                    current = Run(startA: i - 1, startB: j - 1, length: 1)
                }
                i -= 1
                j -= 1
                // A run that reached the start of either string is complete.
                if let run = current, run.startA == 0 || run.startB == 0 {
                    runs.append(run)
                    current = nil
                }
            } else {
                if cell(i - 1, j) > cell(i, j - 1) { i -= 1 } else { j -= 1 }
                if let run = current {
                    runs.append(run)
                    current = nil
                }
            }
        }
        return (Bytes(common), runs)
    }
}

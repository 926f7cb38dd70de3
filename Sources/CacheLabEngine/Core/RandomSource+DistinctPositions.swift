extension RandomSource {
    /// `count` distinct positions out of `0..<size` (`count` < `size`), chosen the two ways
    /// Redis's SRANDMEMBER and ZRANDMEMBER choose them: when `count` is a large share of
    /// `size` (more than 1/`subtractFactor`), start from every position and remove random
    /// ones until `count` remain; otherwise draw random positions, skipping repeats.
    mutating func distinctPositions(count: Int, of size: Int, subtractFactor: Int) -> [Int] {
        var positions: [Int]
        if count * subtractFactor > size {
            positions = Array(0..<size)
            while positions.count > count {
                positions.swapAt(below(positions.count), positions.count - 1)
                positions.removeLast()
            }
        } else {
            var seen = Set<Int>()
            positions = []
            while positions.count < count {
                let p = below(size)
                if seen.insert(p).inserted { positions.append(p) }
            }
        }
        return positions
    }
}

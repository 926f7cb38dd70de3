import Foundation
import Testing
@testable import CacheLabModels
@testable import CacheLabTerminal
import CacheLabEngine

@Suite struct LRUCacheTests {
    @Test func seedFibonacciUnbounded() {
        var cache = LRUCache<UInt64>(maxsize: nil)
        let values = MemoizedFibonacci.run(range: 16, cache: &cache)
        #expect(values == [0, 1, 1, 2, 3, 5, 8, 13, 21, 34, 55, 89, 144, 233, 377, 610])
        #expect(cache.info.description == "CacheInfo(hits=28, misses=16, maxsize=None, currsize=16)")
    }

    @Test func seedFibonacciBounded() {
        var cache = LRUCache<UInt64>(maxsize: 4)
        _ = MemoizedFibonacci.run(range: 16, cache: &cache)
        #expect(cache.info.description == "CacheInfo(hits=28, misses=16, maxsize=4, currsize=4)")
        cache.clear()
        #expect(cache.info.description == "CacheInfo(hits=0, misses=0, maxsize=4, currsize=0)")
        _ = MemoizedFibonacci.fib(15, cache: &cache)
        #expect(cache.info.description == "CacheInfo(hits=13, misses=16, maxsize=4, currsize=4)")
    }

    @Test func zeroAndNegativeMaxsize() {
        var zero = LRUCache<Void>(maxsize: 0)
        zero.call([.int(1)]) { _ in () }
        zero.call([.int(1)]) { _ in () }
        #expect(zero.info.description == "CacheInfo(hits=0, misses=2, maxsize=0, currsize=0)")
        #expect(LRUCache<Void>(maxsize: -5).info.maxsize == 0)
    }

    @Test func keyRules() {
        var untyped = LRUCache<Void>()
        untyped.call([.int(3)]) { _ in () }
        untyped.call([.float(3.0)]) { _ in () }
        #expect(untyped.info.description == "CacheInfo(hits=0, misses=2, maxsize=128, currsize=2)")
        var typed = LRUCache<Void>(typed: true)
        for value in [PythonValue.int(3), .float(3.0), .int(3)] { typed.call([value]) { _ in () } }
        #expect(typed.info.description == "CacheInfo(hits=1, misses=2, maxsize=128, currsize=2)")
        var pairs = LRUCache<Void>()
        pairs.call([.int(3), .int(1)]) { _ in () }
        pairs.call([.float(3.0), .int(1)]) { _ in () }
        #expect(pairs.hits == 1)
    }

    @Test func exactLRUEvictsTheOldest() {
        var cache = LRUCache<Void>(maxsize: 2)
        for key in ["a", "b", "a", "c", "b", "a"] { _ = cache.access(Bytes(key)) }
        // a b | a hit | c evicts b | b evicts a | a evicts c
        #expect(cache.info.description == "CacheInfo(hits=1, misses=5, maxsize=2, currsize=2)")
    }

    @Test func colonCommandPrintsTheSeedFigures() {
        guard case .output(let text) = LRUCacheCommand.run(["fib", "16", "maxsize=4"]) else {
            Issue.record("no output")
            return
        }
        #expect(text.hasSuffix("fib.cache_info()\nCacheInfo(hits=28, misses=16, maxsize=4, currsize=4)\n"))
        #expect(LRUCacheCommand.run(["fib", "x"]) == .failure(LRUCacheCommand.usage))
    }

    /// Generated call sequences, replayed through both the model and python3's functools.
    @Test func matchesPython() throws {
        let python = try PythonOracle.requirePath()
        var cases: [(maxsize: Int?, typed: Bool, calls: [String])] = [
            (nil, false, ["1", "2", "1", "3", "3.0", "'a'", "'a'"]),
            (0, false, ["1", "1"]),
            (-3, true, ["1"]),
            (1, false, ["1", "1.0", "1", "2", "1"]),
            (2, true, ["3", "3.0", "3", "'3'", "3.0", "3"]),
        ]
        var seed: UInt64 = 42
        for size in [1, 2, 3, 5, 8] {
            var calls: [String] = []
            for _ in 0..<60 {
                seed = seed &* 6364136223846793005 &+ 1442695040888963407
                calls.append(String((seed >> 33) % 9))
            }
            cases.append((size, false, calls))
        }
        var script = "from functools import lru_cache\n"
        var expected: [String] = []
        for (index, item) in cases.enumerated() {
            script += "@lru_cache(maxsize=\(item.maxsize.map(String.init) ?? "None"), typed=\(item.typed ? "True" : "False"))\n"
            script += "def f\(index)(x): return x\n"
            for call in item.calls { script += "f\(index)(\(call))\n" }
            script += "print(f\(index).cache_info())\n"
            var cache = LRUCache<Void>(maxsize: item.maxsize, typed: item.typed)
            for call in item.calls { cache.call([PythonValue(literal: call)]) { _ in () } }
            expected.append(cache.info.description)
        }
        script += "@lru_cache(maxsize=4)\ndef fib(n): return n if n < 2 else fib(n-1) + fib(n-2)\n"
        script += "[fib(n) for n in range(30)]\nprint(fib.cache_info())\nfib.cache_clear()\nfib(20)\nprint(fib.cache_info())\n"
        var fib = LRUCache<UInt64>(maxsize: 4)
        _ = MemoizedFibonacci.run(range: 30, cache: &fib)
        expected.append(fib.info.description)
        fib.clear()
        _ = MemoizedFibonacci.fib(20, cache: &fib)
        expected.append(fib.info.description)

        let output = try PythonOracle.run(python, script: script)
        #expect(output.split(separator: "\n").map(String.init) == expected)
    }

    /// `:lru_cache trace` transcripts (several arguments, cache_info(), cache_clear(), typed)
    /// against the same calls made by python3, printing the same transcript.
    @Test func traceTranscriptsMatchPython() throws {
        let python = try PythonOracle.requirePath()
        let traces: [[String]] = [
            ["maxsize=2", "a", "b", "a", "c", "b", "cache_info()", "cache_clear()", "a"],
            ["1,2", "1.0,2", "3", "3.0", "'x'", "'x'"],
            ["typed=True", "1,2", "1.0,2", "1,2"],
            ["maxsize=0", "1", "1"],
            ["maxsize=None", "2", "1", "2", "cache_clear()", "cache_info()"],
        ]
        var script = """
            from functools import lru_cache
            def call(f, *args):
                before = f.cache_info().hits
                f(*args)
                print(">>> f(%s)  # %s" % (", ".join(map(repr, args)), "hit" if f.cache_info().hits > before else "miss"))

            """
        var expected = ""
        for words in traces {
            guard case .output(let text) = LRUCacheCommand.run(["trace"] + words) else {
                Issue.record("no transcript for \(words)")
                continue
            }
            expected += text
            let options = try #require(LRUCacheCommand.parse(words, defaultMaxsize: 128))
            let size = options.maxsize.map(String.init) ?? "None"
            let decorator = "@lru_cache(maxsize=\(size)\(options.typed ? ", typed=True" : ""))"
            script += "print('>>> \(decorator)')\nprint('... def f(*args): ...')\n"
            script += "\(decorator)\ndef f(*args): return args\n"
            for word in options.words {
                switch word {
                case "cache_info()": script += "print('>>> f.cache_info()'); print(f.cache_info())\n"
                case "cache_clear()": script += "f.cache_clear(); print('>>> f.cache_clear()')\n"
                default: script += "call(f, \(LRUCacheCommand.callArguments(word).map(\.description).joined(separator: ", ")))\n"
                }
            }
            if options.words.last != "cache_info()" { script += "print('>>> f.cache_info()'); print(f.cache_info())\n" }
        }
        #expect(try PythonOracle.run(python, script: script) == expected)
    }
}

/// Runs python3 on a script given on stdin.
enum PythonOracle {
    struct NotInstalled: Error, CustomStringConvertible {
        var description: String { "python3 is not installed: the functools.lru_cache comparisons need it (make test installs it)" }
    }

    /// python3's path; throws when it is missing, so that a comparison with it fails rather
    /// than passing having compared nothing.
    static func requirePath() throws -> String {
        guard let path = ["/usr/bin/python3", "/usr/local/bin/python3"].first(where: { FileManager.default.isExecutableFile(atPath: $0) })
        else { throw NotInstalled() }
        return path
    }

    static func run(_ path: String, script: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = ["-c", script]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }
}

import CacheLabEngine
import Foundation
import Testing
@testable import CacheLabTerminal

@Suite struct HistoryTests {
    @Test func pathFollowsTheEnvironment() {
        #expect(HistoryFile.path(environment: ["HOME": "/home/u"]) == "/home/u/.cachelab_history")
        #expect(HistoryFile.path(environment: ["HOME": "/home/u", "CACHELAB_HISTFILE": "/tmp/h"]) == "/tmp/h")
        #expect(HistoryFile.path(environment: ["HOME": "/home/u", "CACHELAB_HISTFILE": "/dev/null"]) == nil)
        #expect(HistoryFile.path(environment: ["HOME": "/home/u", "CACHELAB_HISTFILE": ""]) == nil)
        #expect(HistoryFile.path(environment: [:]) == nil)
    }

    @Test func savesAndLoadsPlainLines() throws {
        let dir = try TemporaryDirectory()
        var history = HistoryFile(path: dir.file("h"))
        history.add("set a 1")
        history.add("set a 1")
        history.add("get ñ")
        history.save()
        #expect(try String(contentsOfFile: dir.file("h"), encoding: .utf8) == "set a 1\nget ñ\n")
        let attributes = try FileManager.default.attributesOfItem(atPath: dir.file("h"))
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        var loaded = HistoryFile(path: dir.file("h"))
        loaded.load()
        #expect(loaded.lines == ["set a 1", "get ñ"])
    }

    @Test func keepsTheLastHundredLines() {
        var history = HistoryFile(path: nil)
        for i in 0..<150 { history.add("echo \(i)") }
        #expect(history.lines.count == 100)
        #expect(history.lines.first == "echo 50")
    }

    @Test func missingFileLoadsNothing() throws {
        let dir = try TemporaryDirectory()
        var history = HistoryFile(path: dir.file("absent"))
        history.load()
        #expect(history.lines.isEmpty)
    }

    @Test func sensitiveCommands() {
        func sensitive(_ line: String) -> Bool { SensitiveCommands.contains(Tokenizer.split(line)!) }
        #expect(sensitive("AUTH secret"))
        #expect(sensitive("auth user secret"))
        #expect(sensitive("acl SETUSER bob on >pw"))
        #expect(sensitive("config set requirepass x"))
        #expect(sensitive("CONFIG SET masterauth x"))
        #expect(sensitive("config set masteruser x"))
        #expect(sensitive("hello 3 AUTH user pass"))
        #expect(sensitive("hello 3 setname n auth user pass"))
        #expect(sensitive("migrate h 1 k 0 10 AUTH pw"))
        #expect(sensitive("migrate h 1 k 0 10 copy AUTH2 user pw"))
        #expect(!sensitive("config set maxmemory 1"))
        #expect(!sensitive("config get requirepass"))
        #expect(!sensitive("acl list"))
        #expect(!sensitive("hello 3"))
        #expect(!sensitive("hello 3 setname auth"))
        #expect(!sensitive("migrate h 1 \"\" 0 10 keys auth x"))
        #expect(!sensitive("set auth x"))
    }

    @Test func sensitiveLinesAreNotRecorded() {
        let engine = Engine(clock: .manual())
        let repl = LineProcessor(engine: engine, session: engine.makeSession(), settings: ReplSettings(format: .tty), output: OutputBuffer())
        #expect(!repl.process(line: Array("auth secret".utf8)).recordInHistory)
        #expect(!repl.process(line: Array("3 auth secret".utf8)).recordInHistory)
        #expect(repl.process(line: Array("ping".utf8)).recordInHistory)
        #expect(repl.process(line: Array("\"unbalanced".utf8)).recordInHistory)
        #expect(!repl.process(line: Array("   ".utf8)).recordInHistory)
        #expect(!repl.process(line: Array("0 ping".utf8)).recordInHistory)
    }
}

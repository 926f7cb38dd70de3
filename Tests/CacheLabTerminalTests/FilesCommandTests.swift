import CacheLabEngine
import Foundation
import Testing
@testable import CacheLabTerminal

/// `:files`: the data folder's files, and one file's contents, read-only.
@Suite struct FilesCommandTests {
    let folder: TemporaryDirectory

    init() throws { folder = try TemporaryDirectory() }

    private func processor() throws -> LineProcessor {
        let config = Config()
        try config.setAtStartup("dir", folder.path)
        try config.setAtStartup("save", "")
        let engine = Engine(clock: .manual(startMilliseconds: 1_700_000_000_000), config: config)
        return LineProcessor(engine: engine, session: engine.makeSession(), settings: ReplSettings(format: .raw),
                             output: OutputBuffer())
    }

    @discardableResult
    private func run(_ lines: String..., on repl: LineProcessor) -> String {
        for line in lines { repl.process(line: Array(line.utf8)) }
        return String(decoding: repl.output.take(), as: UTF8.self)
    }

    private func size(_ name: String) throws -> Int {
        try #require(FileManager.default.attributesOfItem(atPath: folder.file(name))[.size] as? Int)
    }

    @Test func anEmptyFolder() throws {
        #expect(run(":files", on: try processor()) == "(the data folder is empty)\n")
    }

    @Test func theDumpAndTheAOFFolder() throws {
        let repl = try processor()
        run("SET a 1", "SAVE", "CONFIG SET appendonly yes", "SET b 2", "INCR a", on: repl)
        let dump = try size("dump.rdb"), base = try size("appendonlydir/appendonly.aof.1.base.rdb")
        let log = try size("appendonlydir/appendonly.aof.1.incr.aof")
        let sizes = ["\(dump) bytes", "\(base) bytes", "\(log) bytes", "88 bytes"]
        let width = sizes.map(\.count).max()!
        func pad(_ s: String) -> String { String(repeating: " ", count: width - s.count) + s }
        #expect(run(":files", on: repl) == """
            dump.rdb                                 \(pad(sizes[0]))  RDB snapshot
            appendonlydir/appendonly.aof.1.base.rdb  \(pad(sizes[1]))  AOF base: an RDB snapshot
            appendonlydir/appendonly.aof.1.incr.aof  \(pad(sizes[2]))  AOF log: 3 commands
            appendonlydir/appendonly.aof.manifest    \(pad(sizes[3]))  AOF manifest: the files of the AOF, in loading order

            """)
        #expect(!repl.sawError)
    }

    @Test func showingALogQuotesWhatNeedsQuotes() throws {
        let repl = try processor()
        run("CONFIG SET appendonly yes", "SELECT 2", #"SET "a b" "x\ny""#, #"SET empty """#, #"SET bin "\xff'q""#, on: repl)
        #expect(run(":files appendonlydir/appendonly.aof.1.incr.aof", on: repl) == #"""
            SELECT 2
            SET "a b" "x\ny"
            SET empty ""
            SET bin "\xff'q"

            """#)
    }

    @Test func showingTheManifestTheDumpAndAnEmptyLog() throws {
        let repl = try processor()
        run("SET a 1", "SAVE", "CONFIG SET appendonly yes", on: repl)
        #expect(run(":files appendonlydir/appendonly.aof.manifest", on: repl)
                == "file appendonly.aof.1.base.rdb seq 1 type b\nfile appendonly.aof.1.incr.aof seq 1 type i\n")
        #expect(run(":files dump.rdb", on: repl) == "dump.rdb: an RDB snapshot, \(try size("dump.rdb")) bytes of binary data (not shown)\n")
        #expect(run(":files appendonlydir/appendonly.aof.1.incr.aof", on: repl) == "(appendonlydir/appendonly.aof.1.incr.aof is empty)\n")
    }

    @Test func aLogCutShortAndALongLog() throws {
        let repl = try processor()
        run("CONFIG SET appendonly yes", "1100 INCR n", on: repl)
        let path = folder.file("appendonlydir/appendonly.aof.1.incr.aof")
        let handle = try #require(FileHandle(forWritingAtPath: path))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data("*2\r\n$4\r\nINCR\r\n$1".utf8))
        try handle.close()
        #expect(run(":files", on: repl).contains("appendonlydir/appendonly.aof.1.incr.aof  "
            + "\(try size("appendonlydir/appendonly.aof.1.incr.aof")) bytes  AOF log: 1101 commands and 16 bytes of an incomplete one\n"))
        let shown = run(":files appendonlydir/appendonly.aof.1.incr.aof", on: repl).split(separator: "\n")
        #expect(shown.count == 1002)
        #expect(shown[0] == "SELECT 0" && shown[999] == "INCR n")
        #expect(shown[1000] == "... and 101 more commands")
        #expect(shown[1001] == "(then 16 bytes of a command cut short: a load drops them or stops, see aof-load-truncated)")
    }

    @Test func namesOutsideTheFolderAreRefused() throws {
        let repl = try processor()
        run("SAVE", on: repl)
        for name in ["../dump.rdb", "/etc/passwd", "appendonlydir/../dump.rdb", "./dump.rdb", "a//b"] {
            #expect(run(":files \(name)", on: repl) == ":files shows a file of the data folder, named as :files lists it\n")
        }
        #expect(run(":files nope.rdb", on: repl) == "no file nope.rdb in the data folder (:files lists them)\n")
        #expect(run(":files appendonlydir", on: repl) == "no file appendonlydir in the data folder (:files lists them)\n")
        #expect(run(":files a b", on: repl) == "usage: :files [name]\n")
        #expect(repl.sawError)
    }

    @Test func otherFilesAreShownAsTextOrBySize() throws {
        let repl = try processor()
        _ = try folder.write("notes.txt", Array("hello".utf8))
        _ = try folder.write("blob", [0, 1, 2])
        #expect(run(":files", on: repl) == "blob       3 bytes\nnotes.txt  5 bytes\n")
        #expect(run(":files notes.txt", on: repl) == "hello\n")
        #expect(run(":files blob", on: repl) == "blob: 3 bytes of binary data (not shown)\n")
    }
}

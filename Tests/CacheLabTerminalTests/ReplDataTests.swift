import Foundation
import Testing

/// The REPL keeps the user's data like a Redis server: a per-user data folder, the dump loaded
/// at start and saved at a clean exit, `--dir`, `--ephemeral`, and any configuration parameter
/// given as `--name value`. Every run has its own temporary HOME (and XDG_DATA_HOME), so the
/// real user's data is never touched.
@Suite struct ReplDataTests {
    let home: TemporaryDirectory

    init() throws { home = try TemporaryDirectory() }

    func run(_ input: String, _ flags: [String] = [], xdg: String? = nil) throws -> Subprocess.Result {
        let path = try home.write("input-\(UUID().uuidString)", Array(input.utf8))
        var environment = BuiltProducts.isolatedEnvironment(in: home)
        if let xdg { environment["XDG_DATA_HOME"] = xdg }
        return try Subprocess.run(BuiltProducts.cachelab, flags, stdinPath: path, environment: environment)
    }

    var defaultDump: String { home.path + "/.local/share/cachelab/dump.rdb" }

    @Test func dataSurvivesARestartInTheDefaultFolder() throws {
        #expect(try run("set greeting hello\nrpush l a b c\nconfig get dir\n").text
                == "OK\n3\ndir\n\(home.path)/.local/share/cachelab\n")
        #expect(FileManager.default.fileExists(atPath: defaultDump))
        #expect(try run("get greeting\nlrange l 0 -1\ndbsize\n").text == "hello\na\nb\nc\n2\n")
    }

    @Test func xdgDataHomeIsTheDefaultWhenSet() throws {
        let xdg = home.path + "/xdg"
        _ = try run("set k v\n", xdg: xdg)
        #expect(FileManager.default.fileExists(atPath: xdg + "/cachelab/dump.rdb"))
        #expect(!FileManager.default.fileExists(atPath: defaultDump))
        #expect(try run("get k\n", xdg: xdg).text == "v\n")
    }

    @Test func dirPicksAnotherFolderAndAnEmptyOneStartsEmpty() throws {
        _ = try run("set k default-folder\n")
        let other = home.path + "/other"
        #expect(try run("dbsize\nset k other-folder\n", ["--dir", other]).text == "0\nOK\n")
        #expect(try run("get k\n", ["--dir", other]).text == "other-folder\n")
        #expect(try run("get k\n").text == "default-folder\n")
    }

    @Test func emptySavePointsSaveNothingAtExit() throws {
        #expect(try run("set k v\n", ["--save", ""]).status == 0)
        #expect(!FileManager.default.fileExists(atPath: defaultDump))
        // SAVE still writes on request.
        _ = try run("set k v\nsave\n", ["--save", ""])
        #expect(try run("get k\n", ["--save", ""]).text == "v\n")
    }

    @Test func ephemeralSessionsWriteNothing() throws {
        #expect(try run("set k v\nsave\nget k\n", ["--ephemeral"]).text == "OK\nOK\nv\n")
        #expect(!FileManager.default.fileExists(atPath: home.path + "/.local"))
        _ = try run("set k saved\n")
        #expect(try run("get k\n", ["--ephemeral"]).text == "\n")
        #expect(try run("get k\n").text == "saved\n")
    }

    /// The temporary folder goes, AOF subfolder included.
    @Test func ephemeralSessionsRemoveTheirFolderWithTheAOF() throws {
        let text = try run("config set appendonly yes\nset k v\nconfig get dir\n", ["--ephemeral"]).text
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines.count == 4 && lines[0] == "OK" && lines[2] == "dir")
        let folder = try #require(lines.last)
        #expect(folder.hasPrefix("/tmp/cachelab-ephemeral-"))
        #expect(!FileManager.default.fileExists(atPath: folder))
    }

    @Test func configParametersOnTheCommandLine() throws {
        let result = try run("config get maxmemory\nconfig get maxmemory-policy\nconfig get hash-max-listpack-entries\nconfig get save\n",
                             ["--maxmemory", "2mb", "--maxmemory-policy", "allkeys-lru", "--hash-max-listpack-entries", "7",
                              "--save", "100 5", "--list-max-listpack-size", "-3"])
        #expect(result.text == "maxmemory\n2097152\nmaxmemory-policy\nallkeys-lru\nhash-max-listpack-entries\n7\nsave\n100 5\n")
        #expect(try run("config get list-max-listpack-size\n", ["--list-max-listpack-size", "-3"]).text == "list-max-listpack-size\n-3\n")
    }

    @Test func badParametersStopTheStart() throws {
        let bad = try run("ping\n", ["--maxmemory", "lots"])
        #expect(bad.status == 1)
        #expect(bad.errorText.contains("--maxmemory"))
        #expect(bad.text.isEmpty)
        #expect(try run("ping\n", ["--no-such-parameter", "1"]).status != 0)
    }

    @Test func aDamagedDumpIsNeitherLoadedNorOverwritten() throws {
        _ = try run("set k v\n")
        var bytes = try Data(contentsOf: URL(fileURLWithPath: defaultDump))
        bytes[bytes.count - 3] ^= 0xFF  // break the checksum
        try bytes.write(to: URL(fileURLWithPath: defaultDump))
        let result = try run("set k other\n")
        #expect(result.status == 1)
        #expect(result.errorText.contains("dump.rdb"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: defaultDump)) == bytes)
    }
}

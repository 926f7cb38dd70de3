import Foundation

/// Runs one of Redis's file checkers (redis-check-rdb, redis-check-aof) and captures what it
/// prints, for the interop tests.
enum RedisCheckTool {
    static func run(_ tool: String, _ path: String) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/\(tool)")
        process.arguments = [path]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}

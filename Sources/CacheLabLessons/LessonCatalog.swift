import Foundation

/// The lessons on disk: every `NN-name.md` in the lessons folder, parsed, in number order.
///
/// The folder is, in order: `$CACHELAB_LESSONS`; a `Lessons` folder in the current directory
/// or one of its parents; the `Lessons` folder of the source tree this was built from; one
/// next to the executable or above it.
public struct LessonCatalog: Sendable {
    public struct Entry: Sendable {
        public var fileName: String
        public var path: String
        public var lesson: Lesson
    }

    public let directory: String
    public let entries: [Entry]

    public struct Failure: Error, CustomStringConvertible {
        public var message: String
        public var description: String { message }
    }

    /// Loads every lesson in `directory`; a lesson that does not parse is an error naming its file.
    public init(directory: String) throws {
        self.directory = directory
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        var entries: [Entry] = []
        for name in names.sorted() where name.hasSuffix(".md") && name.first?.isNumber == true {
            let path = directory + "/" + name
            guard let data = FileManager.default.contents(atPath: path) else {
                throw Failure(message: "cannot read \(path)")
            }
            do {
                let lesson = try LessonParser.parse(String(decoding: data, as: UTF8.self), fileName: name)
                entries.append(Entry(fileName: name, path: path, lesson: lesson))
            } catch {
                throw Failure(message: "\(path): \(error)")
            }
        }
        self.entries = entries.sorted { $0.lesson.number < $1.lesson.number }
    }

    /// Finds the lessons folder (see the type's comment).
    public static func locate(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> LessonCatalog {
        if let override = environment["CACHELAB_LESSONS"], !override.isEmpty {
            return try LessonCatalog(directory: override)
        }
        var candidates: [String] = []
        candidates += ancestors(of: FileManager.default.currentDirectoryPath).map { $0 + "/Lessons" }
        // Sources/CacheLabLessons/LessonCatalog.swift → the package root.
        let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().path
        candidates.append(source + "/Lessons")
        if let executable = Bundle.main.executablePath {
            candidates += ancestors(of: (executable as NSString).deletingLastPathComponent).map { $0 + "/Lessons" }
        }
        for candidate in candidates where FileManager.default.fileExists(atPath: candidate + "/README.md") {
            return try LessonCatalog(directory: candidate)
        }
        throw Failure(message: "no Lessons folder found; set CACHELAB_LESSONS to the folder holding the lesson files")
    }

    static func ancestors(of path: String) -> [String] {
        var result: [String] = []
        var current = path
        while !current.isEmpty && current != "/" {
            result.append(current)
            current = (current as NSString).deletingLastPathComponent
        }
        return result
    }

    /// A lesson by number (`2`, `02`) or name (`expiry-and-cache-aside`, or the start of it).
    public func find(_ query: String) -> Entry? {
        if let number = Int(query) { return entries.first { $0.lesson.number == number } }
        let lower = query.lowercased()
        return entries.first { $0.lesson.name == lower || $0.fileName == lower }
            ?? entries.first { $0.lesson.name.hasPrefix(lower) }
    }

    /// The table `cachelab lesson` prints.
    public var listing: String {
        var text = "  #  minutes  lesson\n"
        for entry in entries {
            let number = String(entry.lesson.number)
            let minutes = String(entry.lesson.minutes)
            text += String(repeating: " ", count: max(0, 3 - number.count)) + number
                + String(repeating: " ", count: max(1, 9 - minutes.count)) + minutes
                + "  \(entry.lesson.title)  (\(entry.lesson.name))\n"
        }
        text += "\nRun one with `cachelab lesson <number or name>`; add --script for a transcript, --demo to present it.\n"
        return text
    }
}

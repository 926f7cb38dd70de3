/// `cachelab lesson N --script`: runs every step of a lesson without input and writes a
/// transcript — each command after its prompt, what it printed, the timing verdicts, and an
/// explanation under every command whose output differs from the lesson.
public enum ScriptRunner {
    public struct Report: Sendable {
        public var transcript: String
        public var commands: Int
        /// Commands and comparisons that did not come out as the lesson says.
        public var failures: Int
        public var passed: Bool { failures == 0 }
    }

    /// Runs `lesson` on a fresh sandbox; `fileName` is used in failure locations.
    public static func run(_ lesson: Lesson, fileName: String? = nil) throws -> Report {
        let run = try LessonRun(lesson: lesson)
        let place = fileName ?? "lesson \(lesson.number)"
        var transcript = "Lesson \(lesson.number): \(lesson.title) (\(lesson.minutes) minutes)\n"
        var commands = 0
        var failures = 0
        for part in lesson.parts {
            switch part {
            case .prose(let text):
                for heading in text.split(separator: "\n") where heading.hasPrefix("#") {
                    transcript += "\n\(heading)\n"
                }
            case .step(let step):
                transcript += "\n"
                for action in step.actions {
                    switch action {
                    case .command(let command):
                        commands += 1
                        transcript += run.sandbox.prompt + command.input + "\n"
                        let result = run.run(command)
                        transcript += result.output.text
                        if !result.passed {
                            failures += 1
                            transcript += "!! \(place):\(command.line): " + result.explanation
                        }
                    case .directive(let directive):
                        let result = run.apply(directive)
                        transcript += result.text
                        if !result.passed {
                            failures += 1
                            transcript += "!! \(place):\(step.line): the timing comparison failed\n"
                        }
                    }
                }
            }
        }
        transcript += "\n\(commands) commands, " + (failures == 0 ? "all as the lesson expects\n" : "\(failures) differences\n")
        return Report(transcript: transcript, commands: commands, failures: failures)
    }
}

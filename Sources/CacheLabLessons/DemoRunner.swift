/// How a demo paces itself; the command line sleeps and waits for keys, tests do nothing.
public protocol DemoPacer {
    /// Called after each character typed on screen.
    func afterCharacter()
    /// Called between two steps; false to end the demo there.
    func betweenSteps() -> Bool
}

/// `cachelab lesson N --demo`: the lesson presented on a projector. Prose is printed whole,
/// each command is typed out one character at a time after its prompt, run through the
/// REPL's line processor, and its output shown; between steps the pacer waits (a key press,
/// or `--delay` seconds). A difference from the lesson is explained, as in the other modes.
public enum DemoRunner {
    /// Runs the lesson; returns the number of differences from it.
    @discardableResult
    public static func run(_ lesson: Lesson, write: (String) -> Void, pacer: DemoPacer) throws -> Int {
        let run = try LessonRun(lesson: lesson)
        var failures = 0
        write("Lesson \(lesson.number): \(lesson.title)\n\n")
        var firstStep = true
        for part in lesson.parts {
            switch part {
            case .prose(let text):
                write(text + "\n\n")
            case .step(let step):
                if !firstStep && !pacer.betweenSteps() { return failures }
                firstStep = false
                for action in step.actions {
                    switch action {
                    case .command(let command):
                        write(run.sandbox.prompt)
                        for character in command.input {
                            write(String(character))
                            pacer.afterCharacter()
                        }
                        write("\n")
                        let result = run.run(command)
                        write(result.output.text)
                        if !result.passed {
                            failures += 1
                            write("(differs from the lesson: " + result.explanation + ")\n")
                        }
                    case .directive(let directive):
                        let result = run.apply(directive)
                        write(result.text)
                        if !result.passed { failures += 1 }
                    }
                }
                write("\n")
            }
        }
        return failures
    }
}

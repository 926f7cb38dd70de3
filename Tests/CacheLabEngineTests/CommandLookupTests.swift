import Testing
@testable import CacheLabEngine

/// The command table keys short names by the two words of their inline storage and sends
/// the few long ones to a dictionary (see `CommandLookupTable`). Every name must be found in
/// any letter case, whichever way it is stored, and nothing else may be found.
@Suite struct CommandLookupTests {
    let registry = CommandRegistry()

    /// The name with every other ASCII letter in upper case.
    static func mixedCase(_ name: String) -> String {
        String(name.enumerated().map { $0.offset % 2 == 0 ? Character($0.element.uppercased()) : $0.element })
    }

    @Test func everyCommandIsFoundInAnyLetterCase() {
        var long = 0
        for (name, command) in registry.commands {
            let text = name.string
            if name.count > Bytes.inlineCapacity { long += 1 }
            for spelling in [text, text.uppercased(), Self.mixedCase(text)] {
                let found = registry.command(named: Bytes(spelling))
                #expect(found === command, "\(spelling)")
            }
        }
        // Both halves of the table are exercised: GEORADIUSBYMEMBER_RO and friends are long.
        #expect(long > 0)
        #expect(registry.commands.count - long > 100)
    }

    @Test func aShortNameStoredOnTheHeapIsFoundToo() {
        let name = Bytes(storage: .heap(Array("GeT".utf8)))
        #expect(name.inlineWords == nil)
        #expect(registry.command(named: name)?.metadata.fullName == "get")
    }

    @Test func namesThatAreNotCommandsAreNotFound() {
        let unknown = ["", "g", "ge", "gett", "get\u{0}", "\u{0}get", "get ", "GET\u{7F}", "xyzzy",
                       "georadiusbymember_rx", "georadiusbymember_ro_", "zremrangebyscor", "zremrangebyscorex"]
        for name in unknown {
            #expect(registry.command(named: Bytes(name)) == nil, "\(name)")
        }
        // A letter's case bit set on a byte that is not a letter is no match: '@' is not '`'.
        #expect(registry.command(named: Bytes("g@t")) == nil)
    }

    @Test func resolvingChecksSubcommandsAndArity() {
        func resolve(_ words: String...) -> String {
            switch registry.resolve(words.map { Bytes($0) }) {
            case .command(let c): return "command \(c.metadata.fullName)"
            case .unknownCommand: return "unknown"
            case .unknownSubcommand(let container): return "unknown subcommand of \(container.metadata.fullName)"
            case .wrongArity(let name): return "arity \(name)"
            }
        }
        #expect(resolve("Get", "k") == "command get")
        #expect(resolve("GET") == "arity get")
        #expect(resolve("config", "GET", "maxmemory") == "command config|get")
        #expect(resolve("CONFIG", "nope") == "unknown subcommand of config")
        #expect(resolve("nope", "k") == "unknown")
        #expect(resolve("ZREMRANGEBYSCORE", "z", "0", "1") == "command zremrangebyscore")
    }

    @Test func inlineWordsAreEqualExactlyWhenTheStringsAre() {
        let strings = BytesHashingTests.samples().filter { $0.count <= Bytes.inlineCapacity }.map { Bytes($0) }
        let pairs = Array(zip(strings, strings.dropFirst())) + Array(zip(strings, strings))
        for (a, b) in pairs {
            let (aw, bw) = (a.inlineWords!, b.inlineWords!)
            #expect((aw.0 == bw.0 && aw.1 == bw.1) == (a == b))
        }
        #expect(Bytes(Array(repeating: UInt8(7), count: 15)).inlineWords == nil)
    }
}

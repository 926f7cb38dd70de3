import CacheLabEngine
import Testing
@testable import CacheLabTerminal

/// redis-cli prints a compact array of bulk strings (`Reply.bulkStrings`, ZRANGE's reply)
/// exactly as the plain array it stands for, alone and nested.
@Suite struct BulkStringsFormattingTests {
    static let strings: [Bytes] = ["a", "", "with space", Bytes([0, 255]), "a string longer than fourteen bytes"]

    @Test func printsLikeTheArray() {
        let compact = Reply.bulkStrings(BulkStrings(Self.strings))
        let array = Reply.array(Self.strings.map(Reply.bulk))
        for format in [OutputFormat.tty, .raw] {
            let formatter = ReplyFormatter(format: format)
            #expect(formatter.render(compact) == formatter.render(array))
            #expect(formatter.render(.array([.integer(1), compact])) == formatter.render(.array([.integer(1), array])))
            #expect(formatter.render(.map([.bulk("k"), compact])) == formatter.render(.map([.bulk("k"), array])))
            #expect(formatter.render(.bulkStrings(BulkStrings())) == formatter.render(.emptyArray))
        }
        #expect(compact.asReceived(byProtocol: 2) == array)
    }
}

import CacheLabEngine

/// The input the differential tests feed to both `cachelab` and the real `redis-cli`.
///
/// It is split into sections. Each starts with `## requires:` and the commands it needs; a
/// section is used only once the engine implements all of them, so sections for commands
/// still being written can be added now and switch on by themselves after a merge. Keep keys
/// distinct between sections, since any section may be left out. Lines starting with `# `
/// are comments. The last line of the assembled input has no newline, on purpose.
enum RedisCLIScript {
    static let text = #"""
    ## requires:
    # Lines the front door handles by itself, plus unknown commands.

           
    	
    "unbalanced quote
    'also unbalanced
    "closing"quote
    echo "tail\
    help get
    help GET
    help config get
    help config
    help @connection
    help nosuch
    HELP @NOSUCH
    ? echo
    0 ping
    -1 ping
    "" ping
    99999999999999999999 ping
    restart
    foo
    foo bar "baz qux"
    nosuchcommand a b c d e f
    "" a
    3

    ## requires: ping echo
    ping
    PING
    ping hello
    ping "hello world"
    ping a b
    3 ping
    +2 echo twice
    echo "a\nb\tc\r\a\b"
    echo "\x00\x01\xff\x7f\x80"
    echo 'single \'quoted\' \n'
    echo "quote\"inside\\"
    echo ""
    echo ñandú 🦀
    echo "ñ"
    echo "\q\x4\xZZ"
    echo	tabbed
    echo a"b c"
    echo
    echo a b
    EcHo "mixed" 'quotes'
    echo "#not a comment"

    ## requires: set get
    set greeting "hello world"
    get greeting
    get missing
    set bin "\x00\xff\r\n"
    get bin
    set

    ## requires: rpush lrange
    rpush tenlist 1 2 3 4 5 6 7 8 9 10 11 12
    lrange tenlist 0 -1
    lrange nolist 0 -1

    ## requires: hset hgetall
    hset user:1 name ada lang swift
    hgetall user:1
    hgetall nouser

    ## requires: incr
    incr counter
    3 incr counter

    ## requires: sadd smembers
    sadd oneset only
    smembers oneset
    smembers noset

    ## requires: zadd zrange zscore
    zadd board 1.5 a 0.1 b 3 c
    zrange board 0 -1 withscores
    zscore board b

    ## requires: multi exec set
    multi
    set txkey 1
    exec

    ## requires: ping
    ping
    """#

    /// The lines of every section whose commands `engine` implements, in order, joined by
    /// newlines, with no newline after the last.
    static func input(for engine: Engine) -> String {
        var lines: [String] = []
        var included = true
        for line in text.components(separatedBy: "\n") {
            if line.hasPrefix("## requires:") {
                let names = line.dropFirst("## requires:".count).split(separator: " ").map(String.init)
                included = names.allSatisfy { engine.registry.command(named: Bytes($0)) != nil }
                continue
            }
            if line.hasPrefix("# ") { continue }
            if included { lines.append(line) }
        }
        while lines.last == "" { lines.removeLast() }
        return lines.joined(separator: "\n")
    }
}

/// The Hashes command group: its handlers by full lower-case name.
///
/// Each family has its own file: HSET (HSET HMSET HSETNX), HGET (HGET HMGET), HGETALL
/// (HGETALL HKEYS HVALS), HDEL, HLEN-HEXISTS-HSTRLEN, HINCRBY (HINCRBY HINCRBYFLOAT),
/// HRANDFIELD and HSCAN.
enum HashCommands {
    static var handlers: [String: Handler] {
        [
            "hset": Handler(hset),
            "hmset": Handler(hmset),
            "hsetnx": Handler(hsetnx),
            "hget": Handler(hget),
            "hmget": Handler(hmget),
            "hgetall": Handler(hgetall),
            "hkeys": Handler(hkeys),
            "hvals": Handler(hvals),
            "hdel": Handler(hdel),
            "hlen": Handler(hlen),
            "hexists": Handler(hexists),
            "hstrlen": Handler(hstrlen),
            "hincrby": Handler(hincrby),
            "hincrbyfloat": Handler(hincrbyfloat),
            "hrandfield": Handler(hrandfield),
            "hscan": Handler(hscan),
        ]
    }
}

/// The Hashes command group: its handlers by full lower-case name.
///
/// Each family has its own file: HSET (HSET HMSET HSETNX), HGET (HGET HMGET), HGETALL
/// (HGETALL HKEYS HVALS), HDEL, HLEN-HEXISTS-HSTRLEN, HINCRBY (HINCRBY HINCRBYFLOAT),
/// HRANDFIELD and HSCAN.
enum HashCommands {
    static var handlers: [String: CommandHandler] {
        [
            "hset": hset,
            "hmset": hmset,
            "hsetnx": hsetnx,
            "hget": hget,
            "hmget": hmget,
            "hgetall": hgetall,
            "hkeys": hkeys,
            "hvals": hvals,
            "hdel": hdel,
            "hlen": hlen,
            "hexists": hexists,
            "hstrlen": hstrlen,
            "hincrby": hincrby,
            "hincrbyfloat": hincrbyfloat,
            "hrandfield": hrandfield,
            "hscan": hscan,
        ]
    }
}

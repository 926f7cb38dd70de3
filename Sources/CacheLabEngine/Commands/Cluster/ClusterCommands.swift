/// The Cluster command group: CLUSTER and its subcommands, READONLY, READWRITE and ASKING,
/// answered as Redis 7.0.15 answers them with `cluster-enabled no`.
///
/// A Redis cluster splits the keys into 16,384 hash slots spread over several masters;
/// clients ask CLUSTER SLOTS or SHARDS where a slot lives, and are redirected with MOVED and
/// ASK. CacheLab is one standalone server, like a default redis-server: every one of these
/// commands is refused with the same error, once its arguments have passed the command
/// table's checks (an unknown subcommand, or a wrong number of arguments, is reported as such
/// first, as in Redis).
enum ClusterCommands {
    static let clusterDisabled = Reply.error("ERR This instance has cluster support disabled")

    static var handlers: [String: Handler] {
        var all: [String: Handler] = [
            "readonly": Handler(refuse),
            "readwrite": Handler(refuse),
            "asking": Handler(refuse),
        ]
        for sub in CommandMetadata.byName["cluster"]?.subcommands ?? [] { all[sub.fullName] = Handler(refuse) }
        return all
    }

    static func refuse(_ c: CommandContext) throws(Reply) -> Reply {
        throw clusterDisabled
    }
}

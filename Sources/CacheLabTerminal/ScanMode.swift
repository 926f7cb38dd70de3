#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CacheLabEngine

/// `cachelab --scan [--pattern <glob>]`: every key name, one per line, as `redis-cli --scan`
/// lists them: by walking SCAN's cursor until it comes back to 0, so a large keyspace is
/// read in small steps instead of one blocking KEYS. On a terminal each name is quoted and
/// escaped as the terminal form prints strings; otherwise it is printed as it is, up to a
/// NUL byte (redis-cli prints it with `%s`). `-i <seconds>` waits after each SCAN.
public enum ScanMode {
    public static func run(engine: Engine, session: Session, pattern: Bytes?, format: OutputFormat, interval: Double = 0) {
        var output = OutputBuffer(fileDescriptor: STDOUT_FILENO)
        defer { output.flush() }
        walk(engine: engine, session: session, pattern: pattern) { names, _ in
            for name in names {
                if format == .tty {
                    ReplyFormatter.writeQuoted(name, into: &output)
                } else {
                    name.withUnsafeBytes { raw in
                        output.append(UnsafeRawBufferPointer(rebasing: raw[..<(raw.firstIndex(of: 0) ?? raw.count)]))
                    }
                }
                output.append(0x0A)
                output.flushIfFull()
            }
            if interval > 0 {
                output.flush()
                pause(seconds: interval)
            }
        }
    }

    /// Walks SCAN's cursor from 0 until it comes back to 0 (with MATCH `pattern` when given),
    /// handing `body` each batch of key names and its number, from 1.
    static func walk(engine: Engine, session: Session, pattern: Bytes?, _ body: (_ names: [Bytes], _ batch: Int) -> Void) {
        var cursor = Bytes("0")
        var batch = 0
        repeat {
            let reply = engine.execute(["SCAN", cursor] + (pattern.map { ["MATCH", $0] } ?? []), session: session)
            guard case .array(let parts) = reply, parts.count == 2, case .bulk(let next) = parts[0],
                  let names = keyNames(parts[1]) else { return }
            batch += 1
            body(names, batch)
            cursor = next
        } while cursor != Bytes("0")
    }

    /// `-i`'s wait, as redis-cli's `usleep`.
    static func pause(seconds: Double) {
        usleep(useconds_t(min(seconds * 1_000_000, Double(UInt32.max))))
    }

    /// The key names in the second part of a SCAN reply.
    private static func keyNames(_ reply: Reply) -> [Bytes]? {
        switch reply {
        case .array(let items):
            return items.compactMap { if case .bulk(let name) = $0 { name } else { nil } }
        case .bulkStrings(let strings):
            return strings.replies.compactMap { if case .bulk(let name) = $0 { name } else { nil } }
        default:
            return nil
        }
    }
}

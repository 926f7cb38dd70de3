import Dispatch
import Foundation
import DequeModule

/// Saving a list: the QUICKLIST_2 form, `<node count> × (<container: 2 = packed> <listpack>)`.
///
/// Redis keeps a list as those nodes and only copies them out (compressing each with LZF).
/// CacheLab keeps a list as a deque of strings, so it builds the nodes as it saves
/// (`ListpackNodeBuilder`) and then compresses them: about twice Redis's work per element.
///
/// A long list is therefore written in two halves at once: this thread builds and
/// compresses the first half's nodes while a second thread does the second half's into a
/// buffer of its own, appended after. The nodes fill as a quicklist fills them, except that
/// the node that ends the first half may be partly filled, like the nodes of a list Redis
/// has pushed and popped at both ends; Redis reads it the same. A list too short to be worth
/// a thread is written in one pass.
extension RDBWriter {
    /// Lists whose entries take at least this many bytes (about 64 nodes of 8 KB) are
    /// written in two halves.
    static let listBytesWorthTwoThreads = 512 * 1024

    mutating func writeList(_ key: Bytes, _ list: ListValue) throws {
        out.append(RDBEncoding.TypeCode.listQuicklist2.rawValue)
        writeKey(key)
        let countOffset = out.bytes.count
        let fill = snapshot.limits.listMaxListpackSize
        let items = list.items
        var nodes: Int
        var secondHalf: EncodedNodes?
        if splitsLongLists && list.entryBytes >= Self.listBytesWorthTwoThreads {
            let middle = items.count / 2
            let worker = EncodedNodes.start(items[middle...], fill: fill, compress: options.compression)
            nodes = appendNodes(of: items[..<middle], fill: fill)
            secondHalf = worker.wait()
            nodes += secondHalf!.count
        } else {
            nodes = appendNodes(of: items, fill: fill)
        }
        // The node count comes first in the file but is known only now.
        if let secondHalf {
            try flush(insertingLength: nodes, at: countOffset)
            try secondHalf.buffer.bytes.withUnsafeBytes { try send($0) }
        } else if out.bytes.count - countOffset > Self.flushThreshold {
            try flush(insertingLength: nodes, at: countOffset)
        } else {
            out.insertLength(nodes, at: countOffset)
        }
    }

    /// Builds the nodes of `items` and appends them to `out`; returns how many.
    private mutating func appendNodes(of items: some Sequence<Bytes>, fill: Int) -> Int {
        let compress = options.compression
        return ListpackNodeBuilder.forEachNode(of: items, fill: fill) { node in
            out.appendLength(2)
            out.appendBlob(node, compress: compress)
        }
    }
}

/// Nodes of part of a list, built and compressed on a thread of their own.
final class EncodedNodes: @unchecked Sendable {
    /// The encoded nodes, and how many; read only after `wait()`.
    private(set) var buffer = RDBBuffer()
    private(set) var count = 0
    private let done = DispatchSemaphore(value: 0)

    /// Starts encoding `items` on a new thread.
    static func start(_ items: Slice<Deque<Bytes>>, fill: Int, compress: Bool) -> EncodedNodes {
        let job = EncodedNodes()
        Thread.detachNewThread {
            job.count = ListpackNodeBuilder.forEachNode(of: items, fill: fill) { node in
                job.buffer.appendLength(2)
                job.buffer.appendBlob(node, compress: compress)
            }
            job.done.signal()
        }
        return job
    }

    /// Waits for the thread to finish, then returns the result.
    func wait() -> EncodedNodes {
        done.wait()
        return self
    }
}

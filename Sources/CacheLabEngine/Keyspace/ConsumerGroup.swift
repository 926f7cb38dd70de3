/// A consumer group of a stream: several clients sharing the work of reading it.
///
/// The group remembers the last entry it handed out (`lastDeliveredID`): XREADGROUP with `>`
/// delivers entries after it and moves it forward. Each delivered entry goes into the
/// group's pending entries list (PEL) with its owner, last delivery time and delivery count,
/// until a consumer acknowledges it with XACK. A consumer that dies leaves entries pending;
/// XPENDING shows them and XCLAIM / XAUTOCLAIM give them to another consumer once they have
/// been idle long enough.
///
/// `entriesRead` is the group's logical read counter: how many entries of the stream's
/// history lie at or before `lastDeliveredID`. With the stream's `entriesAdded` it gives the
/// group's lag (entries not yet delivered). It is unknown (-1) when it cannot be worked out,
/// for example after XGROUP SETID to an arbitrary ID or when deletions fragment the stream.
public struct ConsumerGroup {
    /// What `entriesRead` holds when the counter is unknown.
    public static let unknownEntriesRead: Int64 = -1

    public let name: Bytes
    public internal(set) var lastDeliveredID: StreamID
    public internal(set) var entriesRead: Int64
    /// Pending entries by ID.
    var pending = StreamIDTable<PendingEntry>()
    /// Consumers sorted by name (byte order, as Redis's radix tree lists them).
    public internal(set) var consumers: [StreamConsumer] = []

    init(name: Bytes, lastDeliveredID: StreamID, entriesRead: Int64) {
        self.name = name
        self.lastDeliveredID = lastDeliveredID
        self.entriesRead = entriesRead
    }

    /// Number of pending entries.
    public var pendingCount: Int { pending.count }

    // MARK: Consumers

    /// The index of the consumer called `name`, or where it would be inserted.
    func consumerSlot(_ name: Bytes) -> (index: Int, found: Bool) {
        var low = 0, high = consumers.count
        while low < high {
            let mid = (low + high) / 2
            if consumers[mid].name < name { low = mid + 1 } else { high = mid }
        }
        return (low, low < consumers.count && consumers[low].name == name)
    }

    /// The index of the consumer called `name`.
    func consumerIndex(_ name: Bytes) -> Int? {
        let (index, found) = consumerSlot(name)
        return found ? index : nil
    }

    /// Finds the consumer called `name` or creates it (seen now); returns its index and
    /// whether it was created. A found consumer's seen time is refreshed unless `refresh`
    /// is false.
    mutating func consumer(named name: Bytes, now: Int64, refresh: Bool = true) -> (index: Int, created: Bool) {
        let (index, found) = consumerSlot(name)
        if found {
            if refresh { consumers[index].seenTime = now }
            return (index, false)
        }
        consumers.insert(StreamConsumer(name: name, seenTime: now), at: index)
        return (index, true)
    }

    /// Deletes a consumer and its pending entries; returns how many entries it had pending.
    mutating func deleteConsumer(at index: Int) -> Int {
        let owned = consumers[index].pending
        owned.forEach { id, _ in
            pending.remove(id)
            return true
        }
        consumers.remove(at: index)
        return owned.count
    }

    // MARK: Pending entries

    /// Gives the pending entry `id` to the consumer at `index` (taking it from its previous
    /// owner), with a new delivery time and count. The entry must be in the group's PEL.
    mutating func assignPending(_ id: StreamID, toConsumerAt index: Int, deliveryTime: Int64, deliveryCount: Int64) {
        let newOwner = consumers[index].name
        var previousOwner: Bytes?
        pending.modify(id) { entry in
            if entry.consumer != newOwner { previousOwner = entry.consumer }
            entry.consumer = newOwner
            entry.deliveryTime = deliveryTime
            entry.deliveryCount = deliveryCount
        }
        if let previousOwner, let old = consumerIndex(previousOwner) {
            consumers[old].pending.remove(id)
        }
        consumers[index].pending.insert(id, ())
    }

    /// Removes `id` from the group's PEL and its owner's; returns true when it was pending.
    @discardableResult
    mutating func acknowledge(_ id: StreamID) -> Bool {
        guard let entry = pending.remove(id) else { return false }
        if let owner = consumerIndex(entry.consumer) { consumers[owner].pending.remove(id) }
        return true
    }
}

/// One consumer of a group: a name, the entries delivered to it and not yet acknowledged,
/// and when it was last seen (read, claimed, or was created).
public struct StreamConsumer {
    public let name: Bytes
    public internal(set) var seenTime: Int64
    /// IDs of the entries it owns; their details are in the group's PEL.
    var pending = StreamIDTable<Void>()

    init(name: Bytes, seenTime: Int64) {
        self.name = name
        self.seenTime = seenTime
    }

    public var pendingCount: Int { pending.count }
}

/// A delivered entry waiting for XACK: who has it, when it was last delivered, how often.
public struct PendingEntry {
    /// The owning consumer's name (Redis keeps a pointer to the consumer).
    public internal(set) var consumer: Bytes
    /// Unix milliseconds of the last delivery.
    public internal(set) var deliveryTime: Int64
    /// How many times it was delivered.
    public internal(set) var deliveryCount: Int64
}

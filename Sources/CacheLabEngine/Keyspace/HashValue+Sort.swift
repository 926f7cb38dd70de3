/// What SORT needs from a hash: one field's value, for `BY weight_*->field` and
/// `GET data_*->field`. Kept apart from the hash's own files so that SORT depends on a single
/// accessor, whatever the hash storage looks like.
extension HashValue {
    /// The value of field `field`, or nil when the hash has no such field.
    func sortField(_ field: Bytes) -> Bytes? {
        self[field]
    }
}

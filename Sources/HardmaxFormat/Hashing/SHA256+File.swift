import HardmaxModel
extension SHA256 {
    /// The SHA-256 of the file at `path` as 64 lowercase hex digits, read in 1 MiB chunks (memory does
    /// not grow with the file).
    /// - Throws: ``InputError`` `cannot read FILE: REASON`.
    public static func hexDigest(ofFile path: String) throws -> String {
        var hasher = SHA256()
        try FileIO.forEachChunk(of: path) { hasher.update($0) }
        return hex(hasher.finalize())
    }
}

import HardmaxModel
/// Sees every byte of each file as it is read, in order, before it is parsed: a certificate then
/// hashes exactly the bytes that were replayed, even when a file is streamed in pieces.
public protocol FileReadObserver: AnyObject {
    /// A new file begins; the bytes that follow are its own.
    func begin(_ file: String)
    /// The next bytes of the current file.
    func read(_ chunk: UnsafeBufferPointer<UInt8>)
}

extension FileReadObserver {
    /// A whole file at once.
    public func observe(_ file: String, _ bytes: [UInt8]) {
        begin(file)
        bytes.withUnsafeBufferPointer { read($0) }
    }
}

import HardmaxModel
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Reading input files with a size bound, and writing outputs so that a reader never sees half a file.
public enum FileIO {
    /// The whole file at `path`.
    ///
    /// The bound is enforced while reading (also for pipes and special files, whose size is unknown),
    /// so at most `maxBytes + 1 MiB` are ever held.
    /// - Parameter regularFileOnly: refuse anything but a regular file (a device, a pipe, a socket), and
    ///   do not wait for a writer when `path` is a FIFO: for names that come from a file rather than
    ///   from the user (a certificate's), where `/dev/zero` or a pipe would only waste time or hang.
    /// - Throws: ``InputError`` `cannot read FILE: REASON` or `FILE is larger than N bytes`.
    /// - Complexity: O(file size).
    public static func read(_ path: String, maxBytes: Int, regularFileOnly: Bool = false) throws -> [UInt8] {
        var result: [UInt8] = []
        try forEachChunk(of: path, maxBytes: maxBytes, regularFileOnly: regularFileOnly,
                         sizeHint: { result.reserveCapacity($0) }) { chunk in
            result.append(contentsOf: chunk)
        }
        return result
    }

    /// Reads the file at `path` in chunks of at most 1 MiB, in order, without holding it whole.
    /// - Parameters:
    ///   - maxBytes: a file larger than this is refused (nil: no bound).
    ///   - sizeHint: called once with the size of a regular file, before the first chunk.
    /// - Throws: ``InputError`` `cannot read FILE: REASON` or `FILE is larger than N bytes`, or what
    ///   `body` throws.
    ///   - chunkBytes: the largest chunk (tests use tiny ones to cross every boundary).
    public static func forEachChunk(of path: String, maxBytes: Int? = nil, regularFileOnly: Bool = false,
                                    chunkBytes: Int = 1 << 20, sizeHint: (Int) -> Void = { _ in },
                                    _ body: (UnsafeBufferPointer<UInt8>) throws -> Void) throws {
        precondition(chunkBytes >= 1, "FileIO.forEachChunk: chunks hold at least one byte")
        let fd = open(path, O_RDONLY | O_CLOEXEC | (regularFileOnly ? O_NONBLOCK : 0))
        guard fd >= 0 else { throw cannot("read", path, errno) }
        defer { close(fd) }
        var info = stat()
        let known = fstat(fd, &info) == 0
        if regularFileOnly && !(known && info.st_mode & S_IFMT == S_IFREG) {
            throw InputError(file: path, message: "cannot read \(path): not a regular file (a device, pipe or "
                             + "folder cannot be certified)")
        }
        if known {
            if info.st_mode & S_IFMT == S_IFDIR {
                throw InputError(file: path, message: "cannot read \(path): it is a folder, not a file")
            }
            if info.st_mode & S_IFMT == S_IFREG {
                if let maxBytes, Int(info.st_size) > maxBytes { throw tooLarge(path, maxBytes) }
                sizeHint(Int(info.st_size))
            }
        }
        var chunk = [UInt8](repeating: 0, count: chunkBytes)
        var total = 0
        while true {
            let n = chunk.withUnsafeMutableBytes { systemRead(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw cannot("read", path, errno)
            }
            if n == 0 { return }
            total += n
            if let maxBytes, total > maxBytes { throw tooLarge(path, maxBytes) }
            try chunk.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[0..<n])) }
        }
    }

    /// Writes `bytes` to `path` atomically: a temporary file in the same folder is written, flushed to
    /// disk (fsync) and renamed over `path`. On any failure the temporary file is removed and `path`
    /// is left as it was; there is never a half-written output. While it is written, the temporary file
    /// is registered with ``TemporaryFiles``, so an interrupted program can remove it.
    /// - Throws: ``InputError`` `cannot write FILE: REASON`.
    public static func writeAtomically(_ bytes: [UInt8], to path: String) throws {
        let folder = folderOf(path)
        let name = path.split(separator: "/", omittingEmptySubsequences: false).last.map(String.init) ?? path
        var temporary = ""
        var fd: Int32 = -1
        // Each name is registered before the file exists, so that an interrupt at any moment removes it
        // (see TemporaryFiles.removeOnInterrupt); a name already taken is forgotten again.
        var slot: Int?
        for attempt in 0..<100 {
            temporary = folder + "/." + name + ".tmp-\(getpid())-\(attempt)"
            slot = TemporaryFiles.register(temporary)
            fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
            let openError = errno
            if fd >= 0 { break }
            if let taken = slot { TemporaryFiles.unregister(taken) }
            slot = nil
            if openError != EEXIST { errno = openError; break }
        }
        guard fd >= 0 else { throw cannot("write", path, errno) }
        defer { if let slot { TemporaryFiles.unregister(slot) } }
        var failure: Int32 = 0
        bytes.withUnsafeBytes { buffer in
            guard let base = buffer.baseAddress else { return }  // nothing to write
            var written = 0
            while written < buffer.count {
                let n = write(fd, base + written, buffer.count - written)
                if n < 0 {
                    if errno == EINTR { continue }
                    failure = errno
                    return
                }
                written += n
            }
        }
        if failure == 0 && fsync(fd) != 0 { failure = errno }
        if close(fd) != 0 && failure == 0 { failure = errno }
        if failure == 0 && rename(temporary, path) != 0 { failure = errno }
        if failure != 0 {
            unlink(temporary)
            throw cannot("write", path, failure)
        }
        // Make the rename itself durable; a failure here cannot undo the write, so it is not an error.
        let dirFD = open(folder, O_RDONLY | O_CLOEXEC)
        if dirFD >= 0 {
            fsync(dirFD)
            close(dirFD)
        }
    }

    /// The folder part of `path` (`.` for a bare name, `/` for a file at the root).
    static func folderOf(_ path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        let folder = String(path[..<slash])
        return folder.isEmpty ? "/" : folder
    }

    private static func systemRead(_ fd: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
        #if canImport(Glibc)
        return Glibc.read(fd, buffer, count)
        #elseif canImport(Musl)
        return Musl.read(fd, buffer, count)
        #else
        return Darwin.read(fd, buffer, count)
        #endif
    }

    private static func cannot(_ verb: String, _ path: String, _ code: Int32) -> InputError {
        InputError(file: path, message: "cannot \(verb) \(path): \(String(cString: strerror(code)))")
    }

    private static func tooLarge(_ path: String, _ maxBytes: Int) -> InputError {
        InputError(file: path, message: "\(path) is larger than \(maxBytes) bytes")
    }
}

import HardmaxModel
import Exact

/// The tensors of one or more weight files, looked up by name.
///
/// Names are unique across all files: a name defined twice is an error naming both files.
/// Lookup errors are ``InputError`` values without a file or path, so that the reader of the
/// architecture file can attribute them to the JSON path that named the tensor.
///
/// A store is the ``TensorResolver`` of ``ModelReader``: `ModelReader.read(file: arch, tensors: store)`
/// reads an architecture file whose matrices and vectors may be `{"tensor": NAME, "transpose": BOOL}`.
public struct TensorStore: Sendable, TensorResolver {
    /// The weight files, in the order given.
    public let files: [String]
    /// Every tensor with the file it came from, in file order.
    public let tensors: [(file: String, tensor: NamedTensor)]
    private let index: [String: Int]

    /// Reads every file with ``TensorFileReader/read(file:maxBytes:)``.
    /// - Throws: ``InputError`` from a reader, or for a tensor name defined twice.
    public init(files: [String]) throws {
        var all: [(file: String, tensor: NamedTensor)] = []
        for file in files {
            all += try TensorFileReader.read(file: file).map { (file, $0) }
        }
        try self.init(tensors: all, files: files)
    }

    /// Reads weight files already in memory (each file's name, for its format and messages, and its
    /// bytes), as ``init(files:)`` reads them from disk: the bytes a certificate hashes are the bytes read.
    /// - Throws: ``InputError`` from a reader, or for a tensor name defined twice.
    public init(contents: [(file: String, bytes: [UInt8])]) throws {
        var all: [(file: String, tensor: NamedTensor)] = []
        for (file, bytes) in contents {
            all += try TensorFileReader.read(bytes: bytes, file: file).map { (file, $0) }
        }
        try self.init(tensors: all, files: contents.map(\.file))
    }

    /// A store of tensors already read; `file` says where each came from (used in messages).
    /// - Throws: ``InputError`` for a name defined twice.
    public init(tensors: [(file: String, tensor: NamedTensor)]) throws {
        var files: [String] = []
        for (file, _) in tensors where !files.contains(file) { files.append(file) }
        try self.init(tensors: tensors, files: files)
    }

    private init(tensors: [(file: String, tensor: NamedTensor)], files: [String]) throws {
        var index: [String: Int] = [:]
        for (position, entry) in tensors.enumerated() {
            if let first = index[entry.tensor.name] {
                let other = tensors[first].file
                let where_ = other == entry.file ? "twice in \(other)" : "in both \(other) and \(entry.file)"
                throw InputError(file: entry.file, message: "tensor '\(entry.tensor.name)' is defined \(where_)")
            }
            index[entry.tensor.name] = position
        }
        self.files = files
        self.tensors = tensors
        self.index = index
    }

    /// The tensor named `name`, or nil. - Complexity: O(1) expected.
    public subscript(_ name: String) -> NamedTensor? {
        index[name].map { tensors[$0].tensor }
    }

    /// The tensor named `name`, without its name (the ``TensorResolver`` requirement).
    /// - Throws: ``InputError`` (no file, no path) naming the weight files and the nearest name.
    public func tensor(named name: String) throws -> Tensor {
        try namedTensor(name).tensor
    }

    /// The tensor named `name`.
    /// - Throws: ``InputError`` (no file, no path) naming the weight files and the nearest name.
    public func namedTensor(_ name: String) throws -> NamedTensor {
        guard let tensor = self[name] else {
            let within = files.isEmpty ? "no weight file was given" : "not in " + files.joined(separator: ", ")
            let hint = nearestName(to: name).map { "; did you mean '\($0)'?" } ?? ""
            throw InputError(message: "no tensor named '\(name)' (\(within))\(hint)")
        }
        return tensor
    }

    /// The stored name closest to `name` by edit distance (at most a third of its length), or nil.
    /// Names longer than 200 characters are not compared, which keeps this O(tensors * 200^2).
    func nearestName(to name: String) -> String? {
        let target = Array(name.unicodeScalars)
        guard target.count <= 200 else { return nil }
        var best: (name: String, distance: Int)?
        for (_, tensor) in tensors where tensor.name.unicodeScalars.count <= 200 {
            let distance = TensorStore.editDistance(target, Array(tensor.name.unicodeScalars))
            if distance <= max(1, target.count / 3), distance < (best?.distance ?? Int.max) {
                best = (tensor.name, distance)
            }
        }
        return best?.name
    }

    /// Levenshtein distance. - Complexity: O(a.count * b.count).
    static func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        var row = Array(0...b.count)
        for i in stride(from: 1, through: a.count, by: 1) {
            var diagonal = row[0]
            row[0] = i
            for j in stride(from: 1, through: b.count, by: 1) {
                let above = row[j]
                row[j] = min(above + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1))
                diagonal = above
            }
        }
        return row[b.count]
    }
}

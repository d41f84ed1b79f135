/// Reads third-party weight files into exact tensors: safetensors, NumPy `.npy` and `.npz`.
///
/// The format is recognised by content first (`\x93NUMPY` is `.npy`, `PK` is a ZIP, i.e. `.npz`),
/// then by extension (`.safetensors`, `.npy`, `.npz`); anything else is tried as safetensors when it
/// looks like one (8-byte length, then `{`). Every float is converted bit-exactly; see
/// ``SafetensorsReader``, ``NumpyReader`` and ``NpzReader`` for what each accepts and refuses.
public enum TensorFileReader {
    /// Largest weight file read (2 GiB). Each element becomes an exact rational, which takes several
    /// times the bytes of its bit pattern, so larger files are refused before they are read.
    public static let maxFileBytes = 1 << 31

    /// The tensors of the weight file at `file`, in file order.
    /// A single `.npy` file holds one tensor, named after the file without its directory and `.npy`.
    /// - Throws: ``InputError`` naming the file and where in it the problem is; never traps.
    public static func read(file: String, maxBytes: Int = maxFileBytes) throws -> [NamedTensor] {
        try read(bytes: try FileIO.read(file, maxBytes: maxBytes), file: file)
    }

    /// The tensors of a weight file already in memory; `file` names it in errors (and, for `.npy`,
    /// gives the tensor its name).
    public static func read(bytes: [UInt8], file: String) throws -> [NamedTensor] {
        let lowered = file.lowercased()
        if bytes.starts(with: NumpyReader.magic) || lowered.hasSuffix(".npy") {
            return [try NumpyReader.read(bytes, range: bytes.indices, name: npyTensorName(file),
                                         place: .init(file: file, member: nil, base: 0))]
        }
        if bytes.starts(with: [0x50, 0x4B]) || lowered.hasSuffix(".npz") {
            return try NpzReader.read(bytes, file: file)
        }
        if lowered.hasSuffix(".safetensors") || (bytes.count > 8 && bytes[8] == UInt8(ascii: "{")) {
            return try SafetensorsReader.read(bytes, file: file)
        }
        throw InputError(file: file, message: "not a weight file this tool reads: expected safetensors "
                         + "(8-byte header length, then '{'), NumPy .npy (starts with \\x93NUMPY) or "
                         + ".npz (a ZIP archive, starts with PK)")
    }

    /// `weights/ff0.weight.npy` -> `ff0.weight`.
    static func npyTensorName(_ file: String) -> String {
        let base = file.split(separator: "/", omittingEmptySubsequences: false).last.map(String.init) ?? file
        return base.lowercased().hasSuffix(".npy") ? String(base.dropLast(4)) : base
    }
}

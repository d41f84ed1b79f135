import HardmaxModel
/// Reads third-party weight files into exact tensors: safetensors, NumPy `.npy` and `.npz`.
///
/// The format is given by the extension (`.safetensors`, `.npy`, `.npz`, any case); for other names
/// it is recognised by content: `\x93NUMPY` is `.npy`, a ZIP signature `PK\3\4` or `PK\5\6` is
/// `.npz`, and an 8-byte length followed by `{` is safetensors. Every float is converted bit-exactly; see
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
        let npy = { [try NumpyReader.read(bytes, range: bytes.indices, name: npyTensorName(file),
                                          place: .init(file: file, member: nil, base: 0))] }
        // The extension decides when it names a format; otherwise the content does.
        if lowered.hasSuffix(".safetensors") { return try SafetensorsReader.read(bytes, file: file) }
        if lowered.hasSuffix(".npy") { return try npy() }
        if lowered.hasSuffix(".npz") { return try NpzReader.read(bytes, file: file) }
        if bytes.starts(with: NumpyReader.magic) { return try npy() }
        if bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) || bytes.starts(with: [0x50, 0x4B, 0x05, 0x06]) {
            return try NpzReader.read(bytes, file: file)
        }
        if bytes.count > 8 && bytes[8] == UInt8(ascii: "{") { return try SafetensorsReader.read(bytes, file: file) }
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

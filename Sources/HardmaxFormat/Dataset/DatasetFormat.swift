import HardmaxModel
/// The dataset file formats of SPEC.md section 3, chosen by file extension.
public enum DatasetFormat: String, Sendable, Equatable, CaseIterable {
    /// `.jsonl`: one JSON object per line.
    case jsonLines
    /// `.ts`: UEA/UCR time-series classification files.
    case uea

    /// The extensions each format is recognised by (compared case-insensitively).
    public var fileExtension: String {
        switch self {
        case .jsonLines: return "jsonl"
        case .uea: return "ts"
        }
    }

    /// The format of `file`, by its extension.
    /// - Throws: ``InputError`` listing the accepted extensions.
    public static func of(file: String) throws -> DatasetFormat {
        let name = file.split(separator: "/").last.map(String.init) ?? file
        if let dot = name.lastIndex(of: "."), dot != name.startIndex {
            let ext = name[name.index(after: dot)...].lowercased()
            if let format = allCases.first(where: { $0.fileExtension == ext }) { return format }
        }
        throw InputError(file: file, message: "cannot tell the dataset format of \(file): the name must end "
                         + "in .jsonl (JSON Lines) or .ts (UEA/UCR time series)")
    }
}

import Foundation

/// Outputs never replace inputs: `construct d.jsonl -o d.jsonl` or `--certificate` naming the model would
/// destroy the very file being certified.
enum OutputPaths {
    /// - Throws: `UsageError` when two outputs are the same file, or an output is one of the inputs
    ///   (after resolving `.`, `..` and symbolic links).
    static func checkDistinct(outputs: [(option: String, path: String)], inputs: [String], command: String) throws {
        let inputKeys = Dictionary(inputs.map { (key($0), $0) }, uniquingKeysWith: { first, _ in first })
        var seen: [String: String] = [:]
        for (option, path) in outputs {
            let k = key(path)
            if let input = inputKeys[k] {
                throw UsageError(message: "\(option) \(path) would overwrite the input \(input); choose another file",
                                 command: command)
            }
            if let other = seen[k] {
                throw UsageError(message: "\(option) \(path) is the same file as \(other); choose another file",
                                 command: command)
            }
            seen[k] = option
        }
    }

    private static func key(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
    }

    /// `model.json` -> `model.certificate.json`: the default certificate next to a model.
    static func defaultCertificate(forModel model: String) -> String {
        let stem = model.hasSuffix(".json") ? String(model.dropLast(5)) : model
        return stem + ".certificate.json"
    }
}

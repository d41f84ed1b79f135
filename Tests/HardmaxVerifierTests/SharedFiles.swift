import Foundation
import Testing

/// Files under /work/shared, found as `../shared` next to the package root (via #filePath).
enum SharedFiles {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    static let root = packageRoot.deletingLastPathComponent().appendingPathComponent("shared")

    static func path(_ relative: String) -> String { root.appendingPathComponent(relative).path }

    /// The paths when all exist. When one is missing: a recorded failure if the environment variable CI
    /// is set, otherwise nil (the caller skips).
    static func require(_ relatives: [String], sourceLocation: SourceLocation = #_sourceLocation) -> [String]? {
        let paths = relatives.map(path)
        let missing = paths.filter { !FileManager.default.fileExists(atPath: $0) }
        guard missing.isEmpty else {
            if ProcessInfo.processInfo.environment["CI"] != nil {
                Issue.record("missing shared files: \(missing)", sourceLocation: sourceLocation)
            }
            return nil
        }
        return paths
    }
}

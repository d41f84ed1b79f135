import Foundation
import Testing

/// The team's shared files (SPEC section 3: the UEA data sets, third-party models, bench scripts).
///
/// They live beside the package, in `../shared`, or wherever the environment variable `HARDMAX_SHARED`
/// points (absolute, or relative to the working directory). A test that needs them declares it with
/// the `.sharedFiles(...)` trait and reads them with `sharedFile(_:)`:
///
///     @Test(.sharedFiles("models/jv-compact.json"))
///     func jvCompact() throws {
///         let path = try sharedFile("models/jv-compact.json")
///
/// A missing file makes the test skipped, never passed; under CI (see `TestEnvironment.isCI`) the
/// test runs anyway and `sharedFile(_:)` throws, so a missing file is a failure.
package enum SharedFiles {
    /// `$HARDMAX_SHARED` when set and not empty, else `../shared` beside the package root.
    package static var folder: String {
        if let override = ProcessInfo.processInfo.environment["HARDMAX_SHARED"], !override.isEmpty {
            return URL(fileURLWithPath: override).standardizedFileURL.path
        }
        return URL(fileURLWithPath: TestEnvironment.packageRoot).deletingLastPathComponent()
            .appendingPathComponent("shared").path
    }

    /// The path of `relative` under the shared folder, whether or not it exists.
    package static func path(_ relative: String) -> String { folder + "/" + relative }

    /// The listed files that do not exist.
    package static func missing(_ relatives: [String]) -> [String] {
        relatives.filter { !FileManager.default.fileExists(atPath: path($0)) }
    }

    /// Whether a test needing `relatives` should run: all exist, or this is a CI run (where the test
    /// then fails on the missing file).
    package static func runnable(_ relatives: [String]) -> Bool {
        TestEnvironment.isCI || missing(relatives).isEmpty
    }
}

/// A shared file that is not there (recorded by Swift Testing as a failure when thrown from a test).
package struct MissingSharedFile: Error, CustomStringConvertible {
    package let path: String
    package var description: String {
        "missing shared file \(path)" + (TestEnvironment.isCI ? " (CI is set, so this is a failure)" : "")
    }
}

/// The path of the shared file `relative`.
/// - Throws: `MissingSharedFile` when it does not exist. Declare the file in the test's
///   `.sharedFiles(...)` trait too, so that outside CI the test is skipped before it gets here.
package func sharedFile(_ relative: String) throws -> String {
    let path = SharedFiles.path(relative)
    guard FileManager.default.fileExists(atPath: path) else { throw MissingSharedFile(path: path) }
    return path
}

extension Trait where Self == ConditionTrait {
    /// Runs the test only when every listed shared file exists (or under CI, where the test then
    /// fails on a missing one); otherwise the test is reported as skipped.
    package static func sharedFiles(_ relatives: String..., sourceLocation: SourceLocation = #_sourceLocation) -> Self {
        sharedFiles(relatives, sourceLocation: sourceLocation)
    }

    /// Runs the test only when every listed shared file exists (or under CI); otherwise skipped.
    package static func sharedFiles(_ relatives: [String], sourceLocation: SourceLocation = #_sourceLocation) -> Self {
        .enabled(if: SharedFiles.runnable(relatives),
                 Comment(rawValue: "needs \(relatives.joined(separator: ", ")) in \(SharedFiles.folder)"),
                 sourceLocation: sourceLocation)
    }
}

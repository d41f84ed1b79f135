import Foundation

/// Temporary folders of the limit and robustness tests, removed when the test process exits (tests
/// run in parallel, so a folder cannot be removed by a `defer` in a helper that returns it).
enum Cleanup {
    nonisolated(unsafe) private static var folders: [String] = []
    private static let lock = NSLock()

    static func atEnd(_ folder: String) {
        lock.lock()
        defer { lock.unlock() }
        if folders.isEmpty {
            atexit {
                Cleanup.lock.lock()
                for folder in Cleanup.folders { try? FileManager.default.removeItem(atPath: folder) }
                Cleanup.lock.unlock()
            }
        }
        folders.append(folder)
    }
}

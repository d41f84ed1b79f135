import Foundation
import HardmaxCommandLine
import Testing

/// Runs `hardmax` in-process and captures what it prints.
struct Invocation {
    let status: HardmaxCommandLine.ExitStatus
    let out: String
    let err: String

    var lastLine: String { out.split(separator: "\n").last.map(String.init) ?? "" }
}

final class Capture: @unchecked Sendable {
    var out = ""
    var err = ""
}

func hardmax(_ arguments: String...) -> Invocation {
    hardmax(arguments)
}

func hardmax(_ arguments: [String]) -> Invocation {
    let capture = Capture()
    let console = Console(out: { capture.out += $0 }, err: { capture.err += $0 })
    let status = HardmaxCommandLine.run(arguments, console: console)
    return Invocation(status: status, out: capture.out, err: capture.err)
}

/// A fresh empty folder under the system's temporary directory.
func temporaryFolder(_ name: String = #function) throws -> String {
    let safe = name.filter { $0.isLetter || $0.isNumber }
    let path = NSTemporaryDirectory() + "hardmax-cli-\(safe)-\(UUID().uuidString.prefix(8))"
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
}

func write(_ text: String, to path: String) throws {
    try text.write(toFile: path, atomically: true, encoding: .utf8)
}

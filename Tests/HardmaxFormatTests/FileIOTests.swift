import Foundation
import Testing
import TestSupport
@testable import HardmaxFormat
import HardmaxModel

@Suite struct FileIOTests {
    private func scratchFolder() throws -> String {
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("hardmax-fileio-\(getpid())-\(UInt64.random(in: 0..<UInt64.max))").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @Test func writeAtomicallyThenRead() throws {
        let folder = try scratchFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/out.json"
        try FileIO.writeAtomically(Array("first".utf8), to: path)
        try FileIO.writeAtomically(Array("second, longer".utf8), to: path)  // replaces
        #expect(try FileIO.read(path, maxBytes: 100) == Array("second, longer".utf8))
        try FileIO.writeAtomically([], to: path)
        #expect(try FileIO.read(path, maxBytes: 0) == [])
        // No temporary files are left behind.
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["out.json"])
    }

    @Test func readErrors() throws {
        let folder = try scratchFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let path = folder + "/data.txt"
        try FileIO.writeAtomically(Array(repeating: 65, count: 11), to: path)
        #expect(inputError { try FileIO.read(path, maxBytes: 10) }?.message == "\(path) is larger than 10 bytes")
        #expect(try FileIO.read(path, maxBytes: 11).count == 11)
        let missing = inputError { try FileIO.read(folder + "/nope", maxBytes: 10) }
        #expect(missing?.message == "cannot read \(folder)/nope: No such file or directory")
        #expect(missing?.file == folder + "/nope")
        #expect(inputError { try FileIO.read(folder, maxBytes: 10) }?.message.contains("is a folder") == true)
    }

    @Test func writeFailureLeavesNothing() throws {
        let folder = try scratchFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        // Renaming a file over a non-empty folder fails; the temporary file must be removed.
        try FileManager.default.createDirectory(atPath: folder + "/taken/inner", withIntermediateDirectories: true)
        let e = inputError { try FileIO.writeAtomically([1, 2, 3], to: folder + "/taken") }
        #expect(e?.message.hasPrefix("cannot write \(folder)/taken: ") == true)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["taken"])
        let noFolder = inputError { try FileIO.writeAtomically([1], to: folder + "/absent/x.json") }
        #expect(noFolder?.message == "cannot write \(folder)/absent/x.json: No such file or directory")
    }
}

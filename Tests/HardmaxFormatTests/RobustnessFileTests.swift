import Foundation
import Testing
@testable import HardmaxFormat

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Files named by a certificate must be regular files (no device, no pipe: `/dev/zero` would be read
/// to the size limit, a FIFO would block); atomic writes register their temporary file so that an
/// interrupt can remove it.
@Suite("Robustness: files")
struct RobustnessFileTests {
    func folder() throws -> String {
        let path = NSTemporaryDirectory() + "hardmax-files-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @Test func devicesArePlainReadsButNotRegularFileReads() throws {
        #expect(try FileIO.read("/dev/null", maxBytes: 10) == [])
        let e = inputError { try FileIO.read("/dev/zero", maxBytes: 1 << 30, regularFileOnly: true) }
        #expect(e?.message.contains("not a regular file") == true)
    }

    @Test func aFIFOIsRefusedWithoutWaitingForAWriter() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let fifo = dir + "/pipe"
        #expect(mkfifo(fifo, 0o600) == 0)
        // Without O_NONBLOCK this open would wait for a writer forever.
        let e = inputError { try FileIO.read(fifo, maxBytes: 100, regularFileOnly: true) }
        #expect(e?.message.contains("not a regular file") == true)
    }

    @Test func regularFilesReadTheSameEitherWay() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileIO.writeAtomically(Array("abc".utf8), to: dir + "/f")
        #expect(try FileIO.read(dir + "/f", maxBytes: 10, regularFileOnly: true) == Array("abc".utf8))
        #expect(try FileIO.read(dir + "/f", maxBytes: 10) == Array("abc".utf8))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["f"])  // no temporary left
    }

    @Test func registeredTemporaryFilesAreRemovedOnDemand() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/.out.tmp-1-0"
        FileManager.default.createFile(atPath: path, contents: Data([1, 2, 3]))
        let slot = try #require(TemporaryFiles.register(path))
        TemporaryFiles.removeAll()  // what the SIGINT/SIGTERM handler does
        #expect(!FileManager.default.fileExists(atPath: path))
        TemporaryFiles.unregister(slot)
        // A slot forgotten is not removed again: a new file of the same name survives removeAll.
        FileManager.default.createFile(atPath: path, contents: Data([4]))
        TemporaryFiles.removeAll()
        #expect(FileManager.default.fileExists(atPath: path))
    }

    @Test func slotsAreReusedAndBounded() throws {
        var slots: [Int] = []
        for k in 0..<TemporaryFiles.slots { slots.append(try #require(TemporaryFiles.register("/nonexistent/\(k)"))) }
        #expect(Set(slots).count == TemporaryFiles.slots)
        #expect(TemporaryFiles.register("/nonexistent/one-too-many") == nil)  // written, just not registered
        for slot in slots { TemporaryFiles.unregister(slot) }
        #expect(TemporaryFiles.register(String(repeating: "x", count: TemporaryFiles.pathCapacity)) == nil)
        let again = try #require(TemporaryFiles.register("/nonexistent/again"))
        TemporaryFiles.unregister(again)
    }
}

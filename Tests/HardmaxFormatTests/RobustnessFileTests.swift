import Foundation
import Testing
import TestSupport
@testable import HardmaxFormat
import HardmaxModel

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Files named by a certificate must be regular files (no device, no pipe: `/dev/zero` would be read
/// to the size limit, a FIFO would block); atomic writes register their temporary file so that an
/// interrupt can remove it.
@Suite("Robustness: files", .serialized)  // one test holds every free slot for a moment
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

    // Other tests of this process write files atomically at the same time, so these tests touch only
    // slots they hold: `removeAll()` here, or a removal after `unregister` (another writer may have
    // claimed the slot since), would unlink another test's temporary file mid-write.
    @Test func registeredTemporaryFilesAreRemovedOnDemand() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let first = dir + "/.out.tmp-1-0", second = dir + "/.out.tmp-1-1"
        FileManager.default.createFile(atPath: first, contents: Data([1, 2, 3]))
        FileManager.default.createFile(atPath: second, contents: Data([4]))
        let a = try #require(TemporaryFiles.register(first))
        let b = try #require(TemporaryFiles.register(second))
        #expect(a != b)
        #expect(TemporaryFiles.liveMask() & (1 << UInt64(a)) != 0)
        TemporaryFiles.remove(mask: 1 << UInt64(a))  // what the SIGINT/SIGTERM handler does for each slot
        #expect(!FileManager.default.fileExists(atPath: first))
        #expect(FileManager.default.fileExists(atPath: second))  // another slot's file stays
        TemporaryFiles.unregister(a)
        TemporaryFiles.remove(mask: 1 << UInt64(b))
        #expect(!FileManager.default.fileExists(atPath: second))
        TemporaryFiles.unregister(b)
    }

    @Test func slotsAreDistinctBoundedAndReused() throws {
        // Claim every free slot (other tests may hold some): all distinct, at most `slots`, then refused.
        var slots: [Int] = []
        while slots.count <= TemporaryFiles.slots, let k = TemporaryFiles.register("/nonexistent/\(slots.count)") {
            slots.append(k)
        }
        #expect(slots.count <= TemporaryFiles.slots)
        #expect(Set(slots).count == slots.count)
        #expect(slots.allSatisfy { (0..<TemporaryFiles.slots).contains($0) })
        for slot in slots { TemporaryFiles.unregister(slot) }
        #expect(TemporaryFiles.register(String(repeating: "x", count: TemporaryFiles.pathCapacity)) == nil)
        let again = try #require(TemporaryFiles.register("/nonexistent/again"))
        TemporaryFiles.unregister(again)
    }
}

import Foundation
import HardmaxCommandLine
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// `check` binds a certificate to the exact bytes of the files it names, and does not let a hostile
/// certificate point it at devices or pipes.
@Suite("Robustness: check")
struct RobustnessCheckTests {
    static let data = """
        {"id": "a1", "label": "a", "tokens": [[0, 0], [1, 0]]}
        {"label": "b", "tokens": [["1/2", 1], [0, 0]]}
        {"label": "c", "tokens": [[2, 2]]}

        """

    /// A constructed model, its data and certificate in a fresh folder.
    func certified() throws -> String {
        let folder = try temporaryFolder()
        Cleanup.atEnd(folder)
        try write(Self.data, to: folder + "/data.jsonl")
        let built = hardmax("construct", folder + "/data.jsonl", "-o", folder + "/model.json", "--strategy", "narrow")
        #expect(built.status == .pass, "\(built.err)")
        return folder
    }

    /// Flipping any one byte of the model or the dataset (every position, each to a different value)
    /// makes check fail with exit 1 and name the file; restoring it confirms again.
    @Test func everyByteOfTheCertifiedFilesMatters() throws {
        let folder = try certified()
        let certificate = folder + "/model.certificate.json"
        var runs = 0
        for name in ["data.jsonl", "model.json"] {
            let path = folder + "/" + name
            let original = try #require(FileManager.default.contents(atPath: path))
            var bytes = [UInt8](original)
            for k in bytes.indices {
                let saved = bytes[k]
                bytes[k] = saved ^ UInt8(1 << (k % 8))  // a different byte, each bit position in turn
                try Data(bytes).write(to: URL(fileURLWithPath: path))
                let run = hardmax("check", certificate)
                #expect(run.status == .verdictNotPass, "\(name) byte \(k): \(run.status) \(run.err)")
                #expect(run.out.contains("\(name): its SHA-256 is not the recorded"), "\(name) byte \(k)")
                bytes[k] = saved
                runs += 1
            }
            try Data(bytes).write(to: URL(fileURLWithPath: path))
        }
        #expect(runs > 500)
        #expect(hardmax("check", certificate).status == .pass)
    }

    /// A certificate naming /dev/zero (which would be read up to the size limit) or a FIFO (which would
    /// block forever) is refused at once.
    @Test func devicesAndPipesNamedByACertificateAreRefused() throws {
        let folder = try certified()
        let certificate = folder + "/model.certificate.json"
        let text = try String(contentsOfFile: certificate, encoding: .utf8)
        #expect(mkfifo(folder + "/pipe", 0o600) == 0)
        #expect(symlink("/dev/zero", folder + "/zero") == 0)  // names are relative: reach the device by a link
        for target in ["zero", "pipe"] {
            let hostile = text.replacingOccurrences(of: "\"file\": \"model.json\"", with: "\"file\": \"\(target)\"")
            #expect(hostile != text)
            try write(hostile, to: folder + "/hostile.json")
            let run = hardmax("check", folder + "/hostile.json")
            #expect(run.status == .unusableInput)
            #expect(run.err.contains("not a regular file"), "\(target): \(run.err)")
        }
        // The data is streamed (hashed piece by piece), and still only from regular files.
        for target in ["zero", "pipe"] {
            let hostile = text.replacingOccurrences(of: "\"file\": \"data.jsonl\"", with: "\"file\": \"\(target).jsonl\"")
            #expect(hostile != text)
            #expect(symlink(folder + "/" + target, folder + "/\(target).jsonl") == 0)
            try write(hostile, to: folder + "/hostile.json")
            let run = hardmax("check", folder + "/hostile.json")
            #expect(run.status == .unusableInput)
            #expect(run.err.contains("not a regular file"), "data \(target): \(run.err)")
        }
        let absolute = text.replacingOccurrences(of: "\"file\": \"model.json\"", with: "\"file\": \"/dev/zero\"")
        try write(absolute, to: folder + "/hostile.json")
        let run = hardmax("check", folder + "/hostile.json")
        #expect(run.status == .unusableInput)
        #expect(run.err.contains("relative to the certificate's folder"), "\(run.err)")
    }

    /// Every output goes through a temporary file and a rename: nothing else is left in the folder.
    @Test func outputsLeaveNoTemporaryFiles() throws {
        let folder = try certified()
        let verified = hardmax("verify", folder + "/model.json", folder + "/data.jsonl", "--certificate",
                               folder + "/v.json", "--junit", folder + "/junit.xml")
        #expect(verified.status == .pass)
        let names = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
        #expect(names == ["data.jsonl", "junit.xml", "model.certificate.json", "model.json", "v.json"])
    }
}

import Foundation
import HardmaxCommandLine
import Testing

/// A certificate's file names are refused when they hold NUL or another control character: the
/// operating system would end the path at NUL and check a different file than the one named.
@Suite("Certificate file names")
struct CertificateFileNameTests {
    @Test(arguments: ["model.json\\u0000/../../evil.json", "model.json\\u0007", "mo\\u001bdel.json", "model\\u0085.json"])
    func controlCharactersAreRefused(name: String) throws {
        let folder = try temporaryFolder()
        try write(WorkflowTests.data, to: folder + "/data.jsonl")
        #expect(hardmax("construct", folder + "/data.jsonl", "-o", folder + "/model.json").status == .pass)
        let text = try String(contentsOfFile: folder + "/model.certificate.json", encoding: .utf8)
        let forged = text.replacingOccurrences(of: "\"file\": \"model.json\"", with: "\"file\": \"\(name)\"")
        #expect(forged != text)
        try write(forged, to: folder + "/forged.json")
        let checked = hardmax("check", folder + "/forged.json")
        #expect(checked.status == .unusableInput, "\(checked.out)")
        #expect(checked.err.contains("model.file: error: expected a file name without control characters"), "\(checked.err)")
    }
}

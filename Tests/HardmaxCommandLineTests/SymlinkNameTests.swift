import Foundation
import HardmaxCommandLine
import Testing

/// A data file that is a symbolic link to a content-addressed name without an extension (as DVC-style
/// caches keep them): the certificate records the name the user gave, so it checks.
@Suite("Symbolic links")
struct SymlinkNameTests {
    @Test func aCertificateNamesTheLinkTheUserGave() throws {
        let folder = try temporaryFolder()
        try FileManager.default.createDirectory(atPath: folder + "/cache", withIntermediateDirectories: true)
        try write(WorkflowTests.data, to: folder + "/cache/3f9a0c1e")
        try FileManager.default.createSymbolicLink(atPath: folder + "/data.jsonl", withDestinationPath: "cache/3f9a0c1e")
        let built = hardmax("construct", folder + "/data.jsonl", "-o", folder + "/model.json")
        #expect(built.status == .pass, "\(built.err)")
        let verified = hardmax("verify", folder + "/model.json", folder + "/data.jsonl",
                               "--certificate", folder + "/v.certificate.json")
        #expect(verified.status == .pass, "\(verified.err)")
        for certificate in ["/model.certificate.json", "/v.certificate.json"] {
            let text = try String(contentsOfFile: folder + certificate, encoding: .utf8)
            #expect(text.contains("\"file\": \"data.jsonl\""), "\(certificate): \(text.prefix(400))")
            let checked = hardmax("check", folder + certificate)
            #expect(checked.status == .pass, "\(certificate): \(checked.out)\(checked.err)")
        }
    }
}

import Foundation
import HardmaxCommandLine
import HardmaxKernel
import HardmaxModel
import HardmaxVerifier
import Testing
import TestSupport

/// `construct --mask` end to end (SPEC.md section 12): refutations written as certificates that `check`
/// re-derives and that refuse tampering; models verified from their files; the committed per-token
/// models re-verified on both paths.
@Suite struct PerTokenCommandTests {
    static let reordered = """
        {"id": "ab", "tokens": ["a", "b"], "labels": [null, "x"]}
        {"id": "ba", "tokens": ["b", "a"], "labels": [null, "y"]}

        """

    @Test func causalRefutationIsACheckedCertificate() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try write(Self.reordered, to: folder + "/d.jsonl")
        let run = hardmax("construct", folder + "/d.jsonl", "-o", folder + "/m.json", "--mask", "causal")
        #expect(run.status == .verdictNotPass)
        #expect(run.out.contains("sequence 0 token 1 (id \"ab\", label \"x\") and sequence 1 token 1 (id \"ba\", label \"y\")"))
        #expect(run.out.contains("--positions index removes this conflict"))
        #expect(!FileManager.default.fileExists(atPath: folder + "/m.json"))
        let certificate = try Certificate.read(file: folder + "/m.certificate.json")
        #expect(certificate.verdict == .impossible && certificate.mask == .causal && certificate.positions == Positions.none)
        #expect(certificate.tokenConflicts.map { [$0.first, $0.second] }
                == [[TokenSite(sequence: 0, token: 1), TokenSite(sequence: 1, token: 1)]])
        let checked = hardmax("check", folder + "/m.certificate.json")
        #expect(checked.status == .pass && checked.out.contains("1 conflicts between labelled positions re-derived"),
                "\(checked.out)\(checked.err)")

        // A recorded conflict that the data does not have is caught.
        let text = try String(contentsOfFile: folder + "/m.certificate.json", encoding: .utf8)
        try write(text.replacingOccurrences(of: "\"identical\": false", with: "\"identical\": true"),
                  to: folder + "/forged.certificate.json")
        let forged = hardmax("check", folder + "/forged.certificate.json")
        #expect(forged.status == .verdictNotPass && forged.out.contains("conflicts[0].identical: recorded true"),
                "\(forged.out)\(forged.err)")
        // Read with bidirectional contexts, the data has no conflict at all.
        try write(text.replacingOccurrences(of: "\"mask\": \"causal\"", with: "\"mask\": \"none\""),
                  to: folder + "/other.certificate.json")
        let other = hardmax("check", folder + "/other.certificate.json")
        #expect(other.status == .verdictNotPass && other.out.contains("none recomputed"), "\(other.out)\(other.err)")

        let indexed = hardmax("construct", folder + "/d.jsonl", "-o", folder + "/m.json", "--mask", "causal",
                              "--positions", "index")
        #expect(indexed.status == .pass, "\(indexed.out)\(indexed.err)")
        #expect(indexed.out.contains("min margin 1/2"))
        #expect(hardmax("check", folder + "/m.certificate.json").status == .pass)
    }

    @Test func maskCausalNeedsPerTokenLabels() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try write("{\"label\": \"x\", \"tokens\": [[1]]}\n", to: folder + "/d.jsonl")
        let run = hardmax("construct", folder + "/d.jsonl", "-o", folder + "/m.json", "--mask", "causal")
        #expect(run.status == .unusableInput && run.err.contains("needs data with \"labels\""), "\(run.err)")
        let bad = hardmax("construct", folder + "/d.jsonl", "-o", folder + "/m.json", "--mask", "left")
        #expect(bad.status == .unusableInput && bad.err.contains("--mask expects causal|none"), "\(bad.err)")
    }

    @Test func nextTokenDemoRunsEndToEnd() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let run = hardmax("demo", "--next-token", "-o", folder)
        #expect(run.status == .pass, "\(run.out)\(run.err)")
        #expect(run.out.contains("impossible, 18 conflicts"))
        #expect(run.out.contains("Re-check it: hardmax check "))
        let check = hardmax("check", folder + "/number-words-deterministic.certificate.json")
        #expect(check.status == .pass)
        #expect(hardmax("check", folder + "/number-words.certificate.json").status == .pass)
    }

    /// Every committed per-token certificate holds on the default path and on the kernel alone, and
    /// every constructed model passes with margin exactly 1/2.
    /// (CI checks every committed certificate on both paths with the release build; these are the small
    /// ones, so the debug test stays short.)
    @Test(arguments: ["next-character/names-deterministic", "next-character/names",
                      "tracr-construct/hist/model", "tracr-construct/detect_pattern/model"])
    func committedCertificatesHold(stem: String) throws {
        let path = TestEnvironment.packageRoot + "/certificates/\(stem).certificate.json"
        for flags in [[], ["--plain"]] {
            let run = hardmax(["check", path] + flags)
            #expect(run.status == .pass && run.out.contains("confirmed"), "\(flags) \(run.out)\(run.err)")
        }
        let certificate = try Certificate.read(file: path)
        if certificate.verdict == .pass { #expect(certificate.minMargin?.description == "1/2") }
    }
}

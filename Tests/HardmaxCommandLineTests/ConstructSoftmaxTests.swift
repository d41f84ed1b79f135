import Exact
import Foundation
import HardmaxCommandLine
import HardmaxVerifier
import HardmaxKernel
import Testing
import TestSupport

/// `construct --semantics softmax`: the constructions' heads have no query or key, so every score is 0
/// and the softmax weights are exactly 1/n: the certificate must be a softmax certificate whose rows
/// stayed exact (precision null, point margins 1/2), and check must confirm it.
@Suite("Construct under softmax")
struct ConstructSoftmaxTests {
    @Test(arguments: ["compact", "narrow"])
    func softmaxConstructionsAreExact(strategy: String) throws {
        let folder = try temporaryFolder("softmax-\(strategy)")
        try write(WorkflowTests.data, to: folder + "/data.jsonl")
        let model = folder + "/model.json"
        let built = hardmax("construct", folder + "/data.jsonl", "-o", model, "--strategy", strategy,
                            "--semantics", "softmax")
        #expect(built.status == .pass, "\(built.err)")
        #expect(built.lastLine == "5 passed, 0 failed")
        #expect(try String(contentsOfFile: model, encoding: .utf8).contains("\"semantics\": \"softmax\""))

        let certificate = try Certificate.read(file: folder + "/model.certificate.json")
        #expect(certificate.semantics == .softmax)
        #expect(certificate.verdict == .pass)
        #expect(certificate.minMarginBounds == Bounds(lower: Rational(1).divided(by: 2), upper: Rational(1).divided(by: 2)))
        #expect(certificate.results.count == 5)
        #expect(certificate.results.allSatisfy {
            $0.enclosed?.status == .pass && $0.enclosed?.precision == nil
                && $0.enclosed?.margin == Bounds(lower: Rational(1).divided(by: 2), upper: Rational(1).divided(by: 2))
        })
        let checked = hardmax("check", folder + "/model.certificate.json")
        #expect(checked.status == .pass, "\(checked.out)\(checked.err)")

        let bad = hardmax("construct", folder + "/data.jsonl", "-o", folder + "/x.json", "--semantics", "argmax")
        #expect(bad.status == .unusableInput)
    }
}

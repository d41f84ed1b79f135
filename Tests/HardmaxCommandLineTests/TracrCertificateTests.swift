import Foundation
import HardmaxCommandLine
import HardmaxKernel
import HardmaxModel
import HardmaxVerifier
import Testing
import TestSupport

/// `hardmax verify` and `check` on the committed Tracr exports (certificates/tracr, SPEC.md section 10):
/// Tracr's parameters untouched, referenced by the architecture files. The expectations are those of
/// certificates/tracr/README.md, derived there from RASP and an independent float64 replay.
@Suite("Tracr")
struct TracrCertificateTests {
    /// certificates/tracr/PROGRAM/FILE in this repository (found from this file's path).
    static func file(_ program: String, _ name: String) -> String {
        TestEnvironment.packageRoot + "/certificates/tracr/\(program)/\(name)"
    }

    static func verify(_ program: String, _ extra: [String] = []) -> Invocation {
        hardmax(["verify", file(program, "model.json"), file(program, "data.jsonl"),
                 "--weights", file(program, "weights.safetensors")] + extra)
    }

    /// `make_length` over {a} up to 16 tokens (BOS first): its selector-width MLP is one short from 10
    /// tokens on, so exactly the 7 inputs of lengths 10 to 16 fail, at every position.
    @Test func lengthFailsFromTenTokensOn() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let run = Self.verify("length_long", ["--certificate", folder + "/cert.json"])
        #expect(run.status == .verdictNotPass, "\(run.err)")
        #expect(run.lastLine == "9 passed, 7 failed")
        let failures = run.out.split(separator: "\n").filter { $0.hasPrefix("FAIL ") }
        #expect(failures.count == 7)
        for (k, line) in failures.enumerated() {
            // Sequence j holds j + 1 tokens a; its first token after BOS (token 2) is labelled j + 1.
            let j = 9 + k
            let id = Array(repeating: "a", count: j + 1).joined(separator: " ")
            #expect(line.hasPrefix("FAIL sequence \(j) (id \(id)): token 2: label \(j + 1), predicted "), "\(line)")
        }
        // The plain kernel agrees.
        let plain = Self.verify("length_long", ["--plain"])
        #expect(plain.status == .verdictNotPass && plain.out == run.out)

        let c = try Certificate.read(file: folder + "/cert.json")
        #expect(c.verdict == .fail && c.counts?.sequences == 16 && c.counts?.failed == 7)
        #expect(c.results.filter { !$0.passed }.map(\.index) == Array(9...15))
        for row in c.results {
            guard case .perToken(let labels) = row.labels else { Issue.record("row \(row.index): one label"); continue }
            let n = row.index + 1
            #expect(labels == [nil] + Array(repeating: Label("\(n)"), count: n), "row \(row.index)")
            // Every labelled position predicts a class: n itself up to 9 tokens, fewer than n from 10 on.
            for (t, p) in row.predicted.enumerated().dropFirst() {
                guard case .label(let predicted)? = p, let count = Int(predicted.text) else {
                    Issue.record("row \(row.index), token \(t + 1): no class predicted"); continue
                }
                #expect(n < 10 ? count == n : count < n, "row \(row.index), token \(t + 1): predicted \(count)")
            }
        }
        let checked = hardmax("check", folder + "/cert.json")
        #expect(checked.status == .pass && checked.out.contains("confirmed"), "\(checked.out)\(checked.err)")
    }

    /// `make_frac_prevs(tokens == "a")` over {a, b, c} up to 5 tokens: a value readout whose replay is
    /// exact (error 0 at every labelled position).
    @Test func fracPrevsPassesWithErrorZero() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let run = Self.verify("frac_prevs", ["--certificate", folder + "/cert.json"])
        #expect(run.status == .pass, "\(run.err)")
        #expect(run.lastLine == "363 passed, 0 failed")
        #expect(run.out.contains("max error 0"))
        let c = try Certificate.read(file: folder + "/cert.json")
        #expect(c.verdict == .pass && c.maxError == 0 && c.minMargin == nil)
        #expect(c.results.allSatisfy { $0.error == 0 || $0.error == nil })
        // The README's float64 replay found gaps of 50 or 100 wherever a head has any.
        let gaps = c.attentionGaps ?? []
        #expect(!gaps.isEmpty && gaps.allSatisfy { $0.gap == nil || $0.gap == 50 || $0.gap == 100 }, "\(gaps)")
        #expect(gaps.contains { $0.gap != nil })
        let checked = hardmax("check", folder + "/cert.json")
        #expect(checked.status == .pass && checked.out.contains("confirmed"), "\(checked.out)\(checked.err)")
    }
}

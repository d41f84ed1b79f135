import Exact
import Foundation
import HardmaxFormat
import HardmaxModel
import Testing
import TestSupport
@testable import HardmaxVerifier
@testable import HardmaxAccelerator
@testable import HardmaxKernel

/// The accelerator's 64-bit replay of softmax models (``FastEnclosureReplay``) against the kernel: a
/// sequence it decides has the kernel's status, and its margin (or error) interval meets the kernel's
/// (both hold the real value); what it leaves undecided goes to the kernel, so `verify` gives the
/// kernel's verdict and counts. Random models of sections 10 and 11, and the committed softmax models.
@Suite struct FastEnclosureEquivalenceTests {
    struct Tally: CustomStringConvertible {
        var decided = 0, handedOver = 0, passed = 0, failed = 0
        var description: String { "decided \(decided) (pass \(passed), fail \(failed)), handed to the kernel \(handedOver)" }
    }

    /// Compares the two replays on every sequence of `data`.
    func compare(_ model: Model, _ data: Dataset, _ what: String, into t: inout Tally) throws {
        let fast = try #require(FastEnclosureReplay(model), "\(what): a softmax model")
        for (j, s) in data.sequences.enumerated() {
            let kernel = try Kernel.result(model, s, index: j, maxBits: 1 << 20)
            guard let row = try fast.result(s, index: j, maxBits: 1 << 20) else { t.handedOver += 1; continue }
            t.decided += 1
            let (k, f) = (try #require(kernel.enclosed), try #require(row.enclosed))
            #expect(f.status != .undecided, "\(what), sequence \(j): a decided row")
            #expect(f.status == k.status, "\(what), sequence \(j): fast \(f.status), kernel \(k.status)")
            #expect(row.passed == kernel.passed, "\(what), sequence \(j)")
            if f.status == .pass { t.passed += 1 } else { t.failed += 1 }
            if let a = f.margin, let b = k.margin { #expect(a.meets(b), "\(what), sequence \(j): margins \(a) and \(b) apart") }
            if let a = f.error, let b = k.error { #expect(a.meets(b), "\(what), sequence \(j): errors \(a) and \(b) apart") }
            #expect((f.margin == nil) == (k.margin == nil) && (f.error == nil) == (k.error == nil), "\(what), sequence \(j)")
            // 64 bits, or no precision at all when no position is checked (as the kernel says).
            #expect(f.precision == 64 || (f.precision == nil && k.precision == nil), "\(what), sequence \(j)")
        }
    }

    /// Seeds 1...400 of the random section 11 cases, in 4 chunks; the softmax ones are compared.
    @Test(arguments: 0..<4)
    func randomSoftmaxModelsAgreeWithTheKernel(chunk: Int) throws {
        var t = Tally(), models = 0
        for seed in UInt64(chunk * 100 + 1)...UInt64(chunk * 100 + 100) {
            var r = RandomCase(seed: 7_000_000 + seed)
            let (model, data) = r.compiledCase(enclosures: true)
            guard model.semantics == .softmax, (try? model.checkWellFormed()) != nil else { continue }
            guard FastEnclosureReplay(model) != nil else {
                // Uniform heads and ReLU only: the kernel keeps every row exact, and verify uses it.
                let rows = try Verifier(model: model, options: .standard).verify(data).results
                #expect(rows.allSatisfy { $0.enclosed?.precision == nil }, "seed \(seed): exact rows")
                continue
            }
            models += 1
            try compare(model, data, "seed \(seed)", into: &t)
            // verify: the default path and the kernel alone give the same verdict and counts.
            let fastVerification = try Verifier(model: model, options: .standard).verify(data)
            let plain = try Verifier(model: model, options: .plainOnly).verify(data)
            #expect(fastVerification.verdict == plain.verdict && fastVerification.counts == plain.counts, "seed \(seed)")
            #expect(fastVerification.results.map(\.enclosed?.status) == plain.results.map(\.enclosed?.status), "seed \(seed)")
        }
        // The cases exercise both outcomes and the hand-over.
        #expect(models >= 30 && t.passed > 0 && t.failed > 0 && t.decided > 3 * t.handedOver, "chunk \(chunk): \(models) models, \(t)")
    }

    /// A model whose first layer multiplies by 1/(2^61 - 1) four times over (an exact prefix the kernel
    /// keeps exact, 244-bit denominators) before a softmax head: at --max-bits 200 the kernel stops at
    /// the bit limit, and so does the default path (the 64-bit replay, which holds no exact numbers,
    /// steps aside when the growth bound passes the limit); at the default limit both decide.
    @Test func theBitLimitStopsBothPathsAlike() throws {
        let small = try Rational(BigInt(1), BigInt((1 << 61) - 1))
        let affine = Layer.affine(Affine(weight: Matrix(rows: 1, columns: 1, entries: [small]), bias: [0]))
        let head = AttentionHead(score: .bilinear(Matrix(rows: 1, columns: 1, entries: [1])),
                                 value: Matrix(rows: 1, columns: 1, entries: [1]))
        var model = Model(dimension: 1, layers: [affine, affine, affine, affine, .attention(Attention(heads: [head]))],
                          readout: Readout(pool: .mean, classes: ["a", "b"], weight: Matrix(rows: 2, columns: 1, entries: [1, -1]),
                                           bias: [0, 0]))
        model.semantics = .softmax
        let data = Dataset(dimension: 1, sequences: [LabelledSequence(label: "a", dimension: 1, values: [3, 5])])
        for bits in [200, 1 << 20] {
            var options = VerifierOptions.standard
            options.maxBits = bits
            var plainOptions = options
            plainOptions.usesShortcuts = false
            func stop(_ o: VerifierOptions) -> InputError? {
                do { _ = try Verifier(model: model, options: o).verify(data) } catch let e as InputError { return e } catch {}
                return nil
            }
            let (fast, plain) = (stop(options), stop(plainOptions))
            #expect(fast == plain, "--max-bits \(bits): \(String(describing: fast)) against \(String(describing: plain))")
            #expect((plain != nil) == (bits == 200), "--max-bits \(bits): the kernel stops only at 200 bits")
            if bits != 200 {
                let row = try #require(try Verifier(model: model, options: options).verify(data).results.first)
                #expect(row.enclosed?.status == .pass && row.enclosed?.precision == 64)
            }
        }
    }

    /// Equal scores over three copies weigh exactly 1/3 and nothing irrational follows: the kernel keeps
    /// the row exact (margin 4, no precision), and the default path hands it to the kernel, so the two
    /// certificates agree. At --max-precision 64 the default path is the kernel's alone.
    @Test func rowsTheKernelKeepsExactStayExact() throws {
        let head = AttentionHead(score: .bilinear(Matrix(rows: 1, columns: 1, entries: [1])),
                                 value: Matrix(rows: 1, columns: 1, entries: [1]))
        var model = Model(dimension: 1, layers: [.attention(Attention(heads: [head]))],
                          readout: Readout(pool: .mean, classes: ["a", "b"], weight: Matrix(rows: 2, columns: 1, entries: [1, -1]),
                                           bias: [0, 0]))
        model.semantics = .softmax
        let data = Dataset(dimension: 1, sequences: [LabelledSequence(label: "a", dimension: 1, values: [1, 1, 1])])
        let fast = try #require(FastEnclosureReplay(model))
        #expect(try fast.result(data.sequences[0], index: 0, maxBits: 1 << 20) == nil)
        let row = try #require(try Verifier(model: model, options: .standard).verify(data).results.first)
        #expect(row.enclosed?.precision == nil && row.enclosed?.margin == Bounds(lower: 4, upper: 4))
        var low = VerifierOptions.standard
        low.maxPrecision = 64
        #expect(try Verifier(model: model, options: low).fastEnclosures == nil)
    }

    /// Sums of more than 128 products, which the 64-bit replay folds into intervals 128 at a time: a
    /// softmax row over 200 positions (weighted sums of 200 terms), and scores over 130 coordinates
    /// (a head wider than an exact sum), each against the kernel.
    @Test func longSumsAgreeWithTheKernel() throws {
        var t = Tally()
        let one = Matrix(rows: 1, columns: 1, entries: [1])
        let narrow = AttentionHead(score: .bilinear(Matrix(rows: 1, columns: 1, entries: [q(1, 3)])), value: one)
        var long = Model(dimension: 1, layers: [.attention(Attention(heads: [narrow]))],
                         readout: Readout(pool: .mean, classes: ["a", "b"], weight: Matrix(rows: 2, columns: 1, entries: [1, -1]),
                                          bias: [q(-1, 7), 0]))
        long.semantics = .softmax
        let values = (0..<200).map { Rational(($0 * 37) % 11 - 4).divided(by: 5) }
        try compare(long, Dataset(dimension: 1, sequences: [LabelledSequence(label: "a", dimension: 1, values: values),
                                                           LabelledSequence(label: "b", dimension: 1, values: values.map { -$0 })]),
                    "200 positions", into: &t)
        let w = 130
        let lift = Layer.affine(Affine(weight: Matrix(rows: w, columns: 1, entries: (0..<w).map { q($0 % 5 - 2, 3) }),
                                       bias: (0..<w).map { q($0 % 3, 4) }))
        let wide = AttentionHead(score: .bilinear(Matrix(rows: w, columns: w, entries: (0..<(w * w)).map { $0 % (w + 1) == 0 ? q(1, 8) : 0 })),
                                 value: Matrix(rows: w, columns: w, entries: (0..<(w * w)).map { $0 % (w + 1) == 0 ? 1 : 0 }))
        var broad = Model(dimension: 1, layers: [lift, .attention(Attention(heads: [wide]))],
                          readout: Readout(pool: .last, classes: ["a", "b"],
                                           weight: Matrix(rows: 2, columns: w, entries: (0..<(2 * w)).map { $0 < w ? q(1, w) : 0 }),
                                           bias: [0, q(1, 10)]))
        broad.semantics = .softmax
        try compare(broad, Dataset(dimension: 1, sequences: [LabelledSequence(label: "a", dimension: 1, values: [1, 2, 3]),
                                                            LabelledSequence(label: "b", dimension: 1, values: [-3, 1, 0])]),
                    "130 coordinates", into: &t)
        #expect(t.decided == 4, "\(t)")
    }

    /// Tracr programs under softmax (committed with their certificates): every 97th sequence.
    @Test(arguments: ["sort", "shuffle_dyck", "hist", "frac_prevs"])
    func tracrSoftmaxModelsAgreeWithTheKernel(program: String) throws {
        let folder = TestEnvironment.packageRoot + "/certificates/tracr/" + program
        let run = Run()
        let model = try run.readModel(folder + "/model.softmax.json", weights: [folder + "/weights.safetensors"])
        let sample = try DatasetReader.read(.files([folder + "/data.jsonl"]), selecting: { $0 % 97 == 0 }).dataset
        var t = Tally()
        try compare(model, sample, program, into: &t)
        #expect(t.decided >= sample.sequences.count * 9 / 10, "\(program): \(t)")
    }

    /// The PyTorch encoder on BasicMotions (certificates/softmax-encoder): the first test sequence (the
    /// kernel's replay of one takes about half a minute in a debug build).
    @Test func trainedEncoderAgreesWithTheKernel() throws {
        let folder = TestEnvironment.packageRoot + "/certificates/softmax-encoder"
        let run = Run()
        let model = try run.readModel(folder + "/model.json", weights: [folder + "/model.safetensors"])
        var t = Tally()
        let data = try DatasetReader.read(.files([folder + "/test.jsonl"]), selecting: { $0 < 1 }).dataset
        try compare(model, data, "test.jsonl", into: &t)
        #expect(t.decided == 1, "\(t)")
    }
}

import Exact
import Foundation
import Testing
import TestSupport
@testable import HardmaxFormat
import HardmaxModel

/// `ModelReader.read(bytes:)` first leaves matrices of the simplest form in the text and converts them
/// from there (``MatrixDeferral``); whatever it reads, model or error, is what the general read
/// (`readGeneral`, one JSON value for the whole text) reads.
@Suite struct ModelReaderDeferredMatrixTests {
    /// Both reads of `text`, as a model or an error, and how many matrices the first one deferred.
    private func bothReads(_ text: String, file: String = "m.json") -> (read: Result<Model, InputError>,
                                                                          general: Result<Model, InputError>,
                                                                          deferred: Int) {
        let bytes = Array(text.utf8)
        let deferral = MatrixDeferral(keys: ModelParser.matrixKeys)
        _ = try? bytes.withUnsafeBufferPointer { try JSONReader.parse($0, file: file, limits: .standard, deferral: deferral) }
        func outcome(_ body: () throws -> Model) -> Result<Model, InputError> {
            do { return .success(try body()) } catch { return .failure(error as! InputError) }
        }
        return (outcome { try ModelReader.read(bytes: bytes, file: file) },
                outcome { try ModelReader.readGeneral(bytes: bytes, file: file) }, deferral.matrices.count)
    }

    /// A feedforward model with the given W1 and W2 texts, then `after` (more members of the layer).
    private static func model(w1: String = #"[["1", "0"], ["-1/2", "3"], ["2", "1"]]"#,
                       w2: String = #"[["1", "0", "0"], ["0", "1", "0"]]"#, after: String = "",
                       metadata: String = "{}") -> String {
        """
        {
          "format": "hardmax-transformer",
          "version": 1,
          "dimension": 2,
          "layers": [
            {
              "type": "feedforward",
              "w1": \(w1),
              "b1": ["0", "0", "1"],
              "w2": \(w2)\(after)
            }
          ],
          "readout": {"pool": "mean", "classes": ["a", "b"], "weight": [["1", "0"],
                      ["0", "1"]]},
          "metadata": \(metadata)
        }
        """
    }

    /// Row 0 of 2000 entries, then 2000 rows of one: never deferred, so nothing is sized rows x row 0.
    private static let wideFirstRow = "[[" + Array(repeating: #""0""#, count: 2000).joined(separator: ", ") + "]"
        + String(repeating: #", ["0"]"#, count: 2000) + "]"

    @Test func onlyRowsOfOneLengthAreDeferred() {
        let (read, general, deferred) = bothReads(Self.model(w1: Self.wideFirstRow))
        #expect(deferred == 2)   // W2 and the readout's weight, not W1
        #expect(read == general)
    }

    @Test func theSimplestMatricesAreDeferredAndReadAsTheGeneralReadDoes() throws {
        let (read, general, deferred) = bothReads(Self.model())
        #expect(deferred == 3)
        let model = try read.get()
        #expect(model == (try general.get()))
        guard case .feedforward(let f) = model.layers[0] else { Issue.record("layer 0"); return }
        #expect(f.w1[1, 0] == (try Rational(-1, 2)) && f.w1[1, 1] == 3 && f.w2[1, 1] == 1)
    }

    /// Each case defers at least one matrix, then the fast read does not take it: the general read
    /// decides, with its own error and its line and column.
    @Test(arguments: [
        ("a ragged row", Self.model(w1: #"[["1", "0"], ["-1/2"], ["2", "1"]]"#)),
        ("a wide first row over short rows", Self.model(w1: Self.wideFirstRow)),
        ("a number that is not one", Self.model(w1: #"[["1", "0"], ["1/0", "3"], ["2", "1"]]"#)),
        ("a wrong shape", Self.model(w2: #"[["1", "0"], ["0", "1"]]"#)),
        ("an unknown member after a matrix", Self.model(after: ",\n      \"w3\": [[\"1\"]]")),
        ("a bad value on a later line", Self.model(after: ",\n      \"residual\": \"x\"")),
        ("a matrix where a vector goes", Self.model(after: ",\n      \"b2\": [[\"1\", \"2\"]]")),
    ])
    func whatTheFastReadDoesNotTakeTheGeneralReadDecides(_ name: String, _ text: String) {
        let (read, general, deferred) = bothReads(text)
        #expect(deferred > 0, "\(name)")
        guard case .failure(let e) = read, case .failure(let g) = general else {
            Issue.record("\(name): expected errors, found \(read) and \(general)")
            return
        }
        #expect(e == g && e.line != nil, "\(name): \(e) / \(g)")
    }

    /// Not deferred: escapes, bare numbers, an empty row, and anything under `metadata`, which keeps
    /// its text.
    @Test func otherMatricesAndMetadataAreReadAsWritten() throws {
        for text in [Self.model(w1: #"[["1", "0"], ["-1\/2", "3"], ["2", "1"]]"#),
                     Self.model(w2: "[[1, 0, 0], [0, 1, 0]]"),
                     Self.model(metadata: #"{"w1": [["1", "2"]], "value": [["x"]]}"#)] {
            let (read, general, _) = bothReads(text)
            #expect(try read.get() == (try general.get()))
        }
        let kept = try bothReads(Self.model(metadata: #"{"w1": [["1", "2"]]}"#)).read.get()
        #expect(kept.metadata["w1"] == .array([.array([.string("1"), .string("2")])]))
        let (_, _, none) = bothReads(Self.model(w1: #"[["1", "0"], ["-1\/2", "3"], ["2", "1"]]"#, w2: "[[1, 0, 0], [0, 1, 0]]"))
        #expect(none == 1)   // only the readout's weight
    }

    /// Large enough for the row bands, and every committed model: the same model both ways.
    @Test func largeAndCommittedModelsReadAsTheGeneralReadDoes() throws {
        let units = 9001
        let w1 = "[" + (0..<units).map { #"["\#($0 - 4000)/\#($0 % 7 + 1)", "\#($0 % 3)"]"# }.joined(separator: ",\n") + "]"
        let w2 = "[" + (0..<2).map { r in "[" + (0..<units).map { #""\#(($0 + r) % 5 - 2)""# }.joined(separator: ", ") + "]" }
            .joined(separator: ", ") + "]"
        let large = Self.model(w1: w1, w2: w2).replacingOccurrences(of: #""b1": ["0", "0", "1"]"#,
                                                              with: #""b1": ["# + Array(repeating: #""1""#, count: units).joined(separator: ", ") + "]")
        let (read, general, deferred) = bothReads(large)
        #expect(deferred == 3)
        #expect(try read.get() == (try general.get()))
        let root = TestEnvironment.packageRoot + "/certificates"
        let files = (FileManager.default.enumerator(atPath: root)?.allObjects as? [String] ?? [])
            .filter { $0.hasSuffix(".json") && !$0.hasSuffix("certificate.json") }
        var models = 0
        for file in files {
            let text = try String(contentsOfFile: root + "/" + file, encoding: .utf8)
            guard text.contains("\"hardmax-transformer\""), !text.contains("\"tensor\"") else { continue }
            let (read, general, _) = bothReads(text, file: file)
            #expect(try read.get() == (try general.get()), "\(file)")
            models += 1
        }
        #expect(models >= 20)
    }
}

import Foundation

/// Valid inputs to start from: small hand-written files for every feature of each format, the
/// repository's example files, and (heads of) the real data and third-party models in `../shared`.
enum SeedCorpus {
    /// The package root (this file is `Sources/hardmax-fuzz/SeedCorpus.swift`), or the current folder
    /// when the sources are not where they were compiled.
    static let packageRoot: String = {
        let here = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().path
        return FileManager.default.fileExists(atPath: here + "/Package.swift") ? here
            : FileManager.default.currentDirectoryPath
    }()

    /// Files that were looked for and not found (reported; a failure when CI is set).
    nonisolated(unsafe) static var missing: [String] = []

    /// The bytes of `relative` (to the package root); for a `.ts` file with `cases`, the header and the
    /// first `cases` cases only.
    static func file(_ relative: String, cases: Int? = nil) -> Seed? {
        let path = packageRoot + "/" + relative
        guard let data = FileManager.default.contents(atPath: path) else {
            missing.append(path)
            return nil
        }
        var bytes = [UInt8](data)
        if let cases {
            var kept = 0, inData = !relative.hasSuffix(".ts"), start = 0
            for (k, b) in bytes.enumerated() where b == 0x0A {
                let line = bytes[start..<k]
                start = k + 1
                if inData, !line.isEmpty { kept += 1 }
                if !inData, line.starts(with: Array("@data".utf8)) { inData = true }
                if kept == cases {
                    bytes.removeSubrange(start...)
                    break
                }
            }
        }
        let name = relative.split(separator: "/").last.map(String.init) ?? relative
        return Seed(name: cases.map { "\(name) (first \($0) records)" } ?? name, file: name, bytes: bytes)
    }

    static func text(_ name: String, _ text: String) -> Seed {
        Seed(name: name, file: name, bytes: Array(text.utf8))
    }

    // MARK: Numbers

    static let numbers: [Seed] = [
        "0", "-12", "3/4", "-3/4", "1.25", "-0.001", "6.02e23", "-8.3E-4", "0x1.8p-3", "-0x1p+0", "000123",
        "123456789012345678", "1234567890123456789012345678901234567890", "-98765432109876543210/12345678901",
        "0.1", "1e-18", "2.5e+300", "1e100000", "1e-99999", "0x1.fffffffffffffp1023", "0x1p-1074", "0xABCp12",
        "7/7", "10/4", "0.000000000000000000000000000001", "314159265358979323846264338327950288419716939937510e-50",
    ].map { text($0, $0) }

    // MARK: Datasets

    static let workflowData = """
        {"id": "a1", "label": "a", "tokens": [[0, 0], [1, 0]]}
        {"id": "a2", "label": "a", "tokens": [[0, 0]]}
        {"id": "b1", "label": "b", "tokens": [["1/2", 1], [0, 0], [1, 0]]}
        {"id": "c1", "label": "c", "tokens": [[2, 2], [2, 2], ["0.5", "-1e0"]]}
        {"label": 7, "tokens": [["0x1p-1", 3]]}

        """

    static let smallTS = """
        # A small multivariate case file.
        @problemName Small
        @timeStamps false
        @missing false
        @univariate false
        @dimensions 2
        @equalLength false
        @classLabel true up down flat
        @data
        0.5,1,1.5:2,2,2:up
        3,2,1,0:1,1,1,1:down
        1,1:0.25,-0.25:flat
        -1.5e1,0x1p-2,7/3:1,2,3:up
        4,3:2,1:down

        """

    static var jsonLines: [Seed] {
        var seeds = [
            text("workflow.jsonl", workflowData),
            text("one-dimensional.jsonl", """
                {"label": "x", "tokens": [[1], [2], [3]]}
                {"label": "y", "tokens": [["-1/3"]]}\r
                {"label": -5, "tokens": [[1e3], [0.0001]]}
                """),
            text("escapes.jsonl", """
                \u{FEFF}{"id": "caf\\u00e9 \\ud83d\\ude00", "label": "\\"q\\"", "tokens": [[1, 2, 3]]}

                   {"tokens": [[0, 0, 0], [1, 1, 1]], "label": "\\n", "id": ""}
                """),
        ]
        seeds += [file("certificates/clustering-example/tie-demo.jsonl"),
                  file("certificates/refutation/reorderings.jsonl"),
                  file("certificates/demo-library/library.jsonl", cases: 12)].compactMap { $0 }
        return seeds + symbolDatasets
    }

    static var timeSeries: [Seed] {
        var seeds = [
            text("small.ts", smallTS),
            text("univariate.ts", """
                % comment line
                @PROBLEMNAME tiny
                @TimeStamps False
                @univariate TRUE
                @seriesLength 3
                @equalLength true
                @classLabel true 1 2
                @data
                1,2,3:1
                3,2,1:2
                """),
            text("no-header-labels.ts", "@problemName x\n@classLabel true a b\n@data\n1:a\n2,3:b\n"),
        ]
        seeds += [file("certificates/one-dimensional/ramps.ts"),
                  file("../shared/datasets/BasicMotions_TRAIN.ts", cases: 2),
                  file("../shared/datasets/JapaneseVowels_TRAIN.ts", cases: 6),
                  file("../shared/datasets/GunPoint_TRAIN.ts", cases: 3)].compactMap { $0 }
        return seeds
    }
}

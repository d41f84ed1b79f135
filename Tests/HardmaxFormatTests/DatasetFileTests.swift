import Exact
import Testing
import TestSupport
@testable import HardmaxFormat
import HardmaxModel

@Suite struct DatasetFileTests {
    @Test func formatByExtension() throws {
        #expect(try DatasetFormat.of(file: "a/b.jsonl") == .jsonLines)
        #expect(try DatasetFormat.of(file: "B.TS") == .uea)
        for bad in ["data.json", "data", "dir.ts/data", ".ts", "x.csv"] {
            let e = inputError { try DatasetFormat.of(file: bad) }
            #expect(e?.message.contains(".jsonl") == true && e?.message.contains(".ts") == true, "\(bad)")
        }
    }

    @Test func missingFilesAndNoFiles() {
        let e = inputError { try DatasetReader.read(.files(["/nonexistent/x.jsonl"])).dataset }
        #expect(e?.message.hasPrefix("cannot read /nonexistent/x.jsonl:") == true)
        #expect(inputError { try DatasetReader.read(.files([])).dataset }?.message == "no dataset files given")
    }

    @Test func emptyFilesAreErrors() {
        let jl = inputError { try DatasetReader.read(.contents([("e.jsonl", Array("\n  \n".utf8))])) }
        #expect(jl?.message.contains("no sequences") == true)
        let ts = inputError {
            try DatasetReader.read(.contents([("e.ts", Array("@classLabel true a\n@data\n".utf8))]))
        }
        #expect(ts?.message.contains("no cases") == true)
    }
}

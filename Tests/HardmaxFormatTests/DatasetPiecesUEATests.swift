import Exact
import Foundation
import Testing
@testable import HardmaxFormat
import HardmaxModel

/// `.ts` files are streamed like JSON Lines: read in chunks and parsed in pieces of whole lines, the
/// header possibly split over several pieces. For every pair of chunk and piece sizes the sequences,
/// numbers, counts and every error (file:line:column and message, including line numbers quoted in
/// messages) equal those of reading the file whole, and the observer sees every byte once.
@Suite struct DatasetPiecesUEATests {
    let pieces = DatasetPiecesTests()

    /// A byte order mark, comments, CRLF, spaces around values, every number form, a blank line, no
    /// final break.
    static let valid = "\u{FEFF}# comment\r\n@problemName P\n@univariate false\n@dimensions 2\n"
        + "@equalLength false\n@classLabel true a b\n\n@data\r\n"
        + "1, 2 ,3 : 4,5,6 : a\r\n"
        + "% a comment between cases\n\n"
        + "0.5,-1/2,0x1p-1:1e1,2E-1,-0:b\n"
        + "  7 :\t-8.25\t: a\n"
        + "10,20,30,40:1,2,3,4:b"

    /// Errors on later lines: a bad number, a channel count against the first case (naming its line),
    /// channels of unequal length, a missing value, a repeated tag (naming the first), an undeclared
    /// label, the header without @data, a file without cases, and @seriesLength.
    static let invalid = [
        valid + "\n1,2:3,1/0:a\n",
        "@classLabel true a b\n@data\n\n\n1,2:3,4:a\n5,6:7,8:b\n1,2:b\n",
        valid + "\n1,2,3:4,5:a\n",
        valid + "\n1,?,3:4,5,6:a\n",
        "@classLabel true a\n# c\n\n@dimensions 1\n@dimensions 1\n@data\n1:a\n",
        valid + "\n1,2:3,4:c\n",
        "@classLabel true a\n\n\n# only a header\n",
        "@classLabel true a\n@data\n\n# nothing\n",
        "@classLabel true a\n@seriesLength 2\n@data\n1,2:a\n1,2:a\n1,2,3:a\n",
        valid + "\n1,NaN:2,3:a\n",
        valid + "\n1,,2:3,4,5:a\n",
    ]

    @Test func everyPieceSizeReadsWhatTheWholeFileHolds() throws {
        let path = try pieces.file(Self.valid, "d.ts")
        let expected = pieces.whole([path])
        #expect(expected.sequences.count == 4 && expected.error == nil)
        #expect(expected.sequences[2].values == [7, try Rational(-33, 4)])
        for chunk in [1, 2, 3, 5, 8, 13, 64, 1 << 20] {
            for piece in [1, 2, 3, 5, 8, 13, 21, 34, 55, 89, 144, 1 << 22] {
                let got = pieces.streamed([path], chunkBytes: chunk, pieceBytes: piece)
                let sizes = "chunk \(chunk), piece \(piece)"
                #expect(got.error == nil, "\(sizes)")
                #expect(got.sequences == expected.sequences, "\(sizes)")
                #expect(got.numbers == expected.numbers, "\(sizes)")
                #expect(got.perFile == [4], "\(sizes)")
                #expect(got.bytesSeen == Array(Self.valid.utf8), "\(sizes)")
            }
        }
    }

    @Test(arguments: Self.invalid.indices)
    func errorsNameTheSameLineAndColumnForEveryPieceSize(_ k: Int) throws {
        let path = try pieces.file(Self.invalid[k], "d.ts")
        let expected = try #require(pieces.whole([path]).error)
        for chunk in [1, 3, 7, 1 << 20] {
            for piece in [1, 2, 7, 30, 61, 100, 1 << 22] {
                #expect(pieces.streamed([path], chunkBytes: chunk, pieceBytes: piece).error == expected,
                        "chunk \(chunk), piece \(piece)")
            }
        }
    }

    /// The errors themselves, by hand: line and column in the whole file, lines quoted in messages.
    @Test func errorsPointAtTheWholeFile() throws {
        func error(_ k: Int) throws -> String {
            try #require(pieces.streamed([try pieces.file(Self.invalid[k], "d.ts")], chunkBytes: 3, pieceBytes: 7).error)
        }
        #expect(try error(0).contains("d.ts:15:9:"))  // at the zero denominator
        #expect(try error(1).contains("d.ts:7:1:") && error(1).contains("the first case, on line 5"))
        #expect(try error(2).contains("d.ts:15:7:") && error(2).contains("channel 2 has 2 values"))
        #expect(try error(4).contains("d.ts:5:1:") && error(4).contains("first on line 4"))
        #expect(try error(6).contains("d.ts:5:1:") && error(6).contains("expected @data"))
        #expect(try error(7).contains("contains no cases after @data"))
        #expect(try error(10).contains("d.ts:15:3:") && error(10).contains("empty value"))
    }

    @Test func selectionsAcrossPiecesAndFormats() throws {
        let a = try pieces.file(Self.valid, "a.ts"), b = try pieces.file(DatasetPiecesTests.valid, "b.jsonl")
        let tsAll = pieces.whole([a])
        for size in [1, 9, 40] {
            let odd = pieces.streamed([a, a], chunkBytes: size, pieceBytes: size, selecting: { $0 % 2 == 1 })
            #expect(odd.numbers == [1, 3, 5, 7], "piece \(size)")
            #expect(odd.sequences == [1, 3, 1, 3].map { tsAll.sequences[$0] }, "piece \(size)")
            #expect(odd.perFile == [4, 4], "piece \(size)")
            // Both formats, each file streamed; they agree on dimension 2.
            #expect(pieces.streamed([a, b], chunkBytes: size, pieceBytes: size).perFile == [4, 4], "piece \(size)")
        }
    }
}

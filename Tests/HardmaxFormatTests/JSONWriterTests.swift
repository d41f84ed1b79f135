import Testing
@testable import HardmaxFormat
import HardmaxModel

@Suite struct JSONWriterTests {
    @Test func escapes() {
        let s = JSONValue.string("q\"b\\s/\u{8}\u{C}\n\r\t\u{1}\u{1F}é€😀\u{7F}")
        #expect(JSONWriter.write(s, style: .compact) == #""q\"b\\s/\b\f\n\r\t\u0001\u001fé€😀"# + "\u{7F}\"")
    }

    @Test func compactLayout() {
        let v = JSONValue.object([
            JSONMember(key: "b", value: .array([.number("1"), .number("-2.5e3"), .null, .bool(true)])),
            JSONMember(key: "a", value: .object([])),
        ])
        #expect(JSONWriter.write(v, style: .compact) == #"{"b": [1, -2.5e3, null, true], "a": {}}"#)
    }

    @Test func prettyLayoutKeepsRowsAndSmallObjectsOnOneLine() {
        let v = JSONValue.object([
            JSONMember(key: "weight", value: .array([.array([.string("1"), .string("-1/2")]), .array([])])),
            JSONMember(key: "bias", value: .array([.string("0"), .string("3")])),
            JSONMember(key: "row", value: .object([JSONMember(key: "index", value: .number("0")),
                                                   JSONMember(key: "pass", value: .bool(true))])),
            JSONMember(key: "big", value: .object([JSONMember(key: "text",
                                                              value: .string(String(repeating: "x", count: 200)))])),
            JSONMember(key: "empty", value: .array([])),
        ])
        let expected = """
            {
              "weight": [
                ["1", "-1/2"],
                []
              ],
              "bias": ["0", "3"],
              "row": {"index": 0, "pass": true},
              "big": {
                "text": "\(String(repeating: "x", count: 200))"
              },
              "empty": []
            }
            """
        #expect(JSONWriter.write(v, style: .pretty) == expected)
        #expect(JSONWriter.write(.array([]), style: .pretty) == "[]")
        #expect(JSONWriter.write(.number("7"), style: .pretty) == "7")
    }

    /// parse(write(v)) == v over random values, in both styles (seeds 0..<300).
    @Test func roundTrip() throws {
        for seed in UInt64(0)..<300 {
            var rng = SplitMix64(seed: seed)
            let value = randomJSON(&rng, depth: 0)
            for style in [JSONStyle.compact, .pretty] {
                let text = JSONWriter.write(value, style: style)
                let back = try JSONReader.parse(Array(text.utf8))
                #expect(back == value, "seed \(seed), style \(style)")
            }
        }
    }
}

/// A random JSON value with valid number lexemes, tricky strings, and unique keys.
func randomJSON(_ rng: inout SplitMix64, depth: Int) -> JSONValue {
    let kind = Int.random(in: 0..<(depth >= 4 ? 4 : 6), using: &rng)
    switch kind {
    case 0: return Bool.random(using: &rng) ? .null : .bool(Bool.random(using: &rng))
    case 1: return .number(randomNumberLexeme(&rng))
    case 2, 3: return .string(randomString(&rng))
    case 4:
        return .array((0..<Int.random(in: 0..<5, using: &rng)).map { _ in randomJSON(&rng, depth: depth + 1) })
    default:
        var members: [JSONMember] = []
        for _ in 0..<Int.random(in: 0..<5, using: &rng) {
            let key = randomString(&rng)
            if members.contains(where: { $0.key == key }) { continue }
            members.append(JSONMember(key: key, value: randomJSON(&rng, depth: depth + 1)))
        }
        return .object(members)
    }
}

func randomNumberLexeme(_ rng: inout SplitMix64) -> String {
    func digits(_ n: Int) -> String { String((0..<n).map { _ in Character(String(Int.random(in: 0...9, using: &rng))) }) }
    var s = Bool.random(using: &rng) ? "-" : ""
    if Bool.random(using: &rng) { s += "0" } else { s += String(Int.random(in: 1...9, using: &rng)) + digits(Int.random(in: 0..<25, using: &rng)) }
    if Bool.random(using: &rng) { s += "." + digits(Int.random(in: 1..<8, using: &rng)) }
    if Int.random(in: 0..<3, using: &rng) == 0 {
        s += ["e", "E"].randomElement(using: &rng)! + ["", "+", "-"].randomElement(using: &rng)! + digits(Int.random(in: 1..<4, using: &rng))
    }
    return s
}

func randomString(_ rng: inout SplitMix64) -> String {
    let pieces = ["a", "Z", "0", " ", "\"", "\\", "/", "\n", "\t", "\u{0}", "\u{1F}", "\u{7F}", "é", "€", "😀",
                  "\u{2028}", "\u{FFFF}", "\u{10FFFF}", "key", "1/2"]
    return (0..<Int.random(in: 0..<6, using: &rng)).map { _ in pieces.randomElement(using: &rng)! }.joined()
}

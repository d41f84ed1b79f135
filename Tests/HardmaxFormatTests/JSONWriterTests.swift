import Testing
import TestSupport
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
            var rng = TestRandom(seed: seed)
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
func randomJSON(_ rng: inout TestRandom, depth: Int) -> JSONValue {
    let kind = rng.int(in: 0..<(depth >= 4 ? 4 : 6))
    switch kind {
    case 0: return rng.bool() ? .null : .bool(rng.bool())
    case 1: return .number(randomNumberLexeme(&rng))
    case 2, 3: return .string(randomString(&rng))
    case 4:
        return .array((0..<rng.int(in: 0..<5)).map { _ in randomJSON(&rng, depth: depth + 1) })
    default:
        var members: [JSONMember] = []
        for _ in 0..<rng.int(in: 0..<5) {
            let key = randomString(&rng)
            if members.contains(where: { $0.key == key }) { continue }
            members.append(JSONMember(key: key, value: randomJSON(&rng, depth: depth + 1)))
        }
        return .object(members)
    }
}

func randomNumberLexeme(_ rng: inout TestRandom) -> String {
    func digits(_ n: Int) -> String { String((0..<n).map { _ in Character(String(rng.int(in: 0...9))) }) }
    var s = rng.bool() ? "-" : ""
    if rng.bool() { s += "0" } else { s += String(rng.int(in: 1...9)) + digits(rng.int(in: 0..<25)) }
    if rng.bool() { s += "." + digits(rng.int(in: 1..<8)) }
    if rng.int(in: 0..<3) == 0 {
        s += rng.element(of: ["e", "E"]) + rng.element(of: ["", "+", "-"]) + digits(rng.int(in: 1..<4))
    }
    return s
}

func randomString(_ rng: inout TestRandom) -> String {
    let pieces = ["a", "Z", "0", " ", "\"", "\\", "/", "\n", "\t", "\u{0}", "\u{1F}", "\u{7F}", "é", "€", "😀",
                  "\u{2028}", "\u{FFFF}", "\u{10FFFF}", "key", "1/2"]
    return (0..<rng.int(in: 0..<6)).map { _ in rng.element(of: pieces) }.joined()
}

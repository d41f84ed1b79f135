import Exact
import Testing
import TestSupport
@testable import HardmaxFormat
import HardmaxModel

/// The one strict field reader: its rules, its types, and where its errors point.
@Suite struct JSONObjectFieldsTests {
    let allowed = ["name", "count", "flag", "margin", "items", "mode"]

    func fields(_ text: String) throws -> JSONObjectFields {
        try JSONObjectFields(json(text), path: JSONPath.root.key("thing"), file: "t.json", what: "a thing",
                             allowed: allowed)
    }

    @Test func unknownDuplicateAndMissingFieldsAreWordedOnce() throws {
        let unknown = inputError { try fields("{\"name\": \"a\",\n  \"nmae\": \"b\"}") }
        #expect(unknown?.message
                == "unknown field \"nmae\" in a thing (allowed: name, count, flag, margin, items, mode)")
        #expect(unknown?.path == "thing.nmae" && unknown?.file == "t.json")
        #expect(unknown?.line == 2 && unknown?.column == 3)
        // The JSON reader refuses a repeated key in text; a value built in memory meets the rule here.
        let repeated = JSONValue.object([JSONMember(key: "name", value: .string("a")),
                                         JSONMember(key: "name", value: .string("b"))])
        let duplicate = inputError {
            try JSONObjectFields(repeated, path: .root, file: nil, what: "a thing", allowed: allowed)
        }
        #expect(duplicate?.message == "duplicate field \"name\" in a thing" && duplicate?.line == nil)
        let missing = inputError { try fields("{}").required("name", .string) }
        #expect(missing?.message == "missing field \"name\"" && missing?.path == "thing" && missing?.line == nil)
        let notObject = inputError { try fields("[1]") }
        #expect(notObject?.message == "expected a thing (a JSON object), found an array" && notObject?.path == "thing")
        // The JSON Lines reader scans records from bytes and words its keys by the same rules.
        let rules = JSONLinesReader.recordFields
        var seen: JSONFieldRules.Seen = 0
        #expect(rules.allowed == ["id", "label", "labels", "tokens"])
        #expect(try rules.admit("label", seen: &seen) == 1 && seen == 0b010)
        let again = JSONFieldRules.Problem(message: "duplicate field \"label\" in a record")
        #expect(throws: again) { try rules.admit("label", seen: &seen) }
        let typo = JSONFieldRules.Problem(message: "unknown field \"lable\" in a record (allowed: id, label, labels, tokens)")
        #expect(throws: typo) { try rules.admit("lable", seen: &seen) }
    }

    @Test func typedFieldsSayWhatWasExpectedAndFound() throws {
        let f = try fields("""
            {"name": 3, "count": -1, "flag": "yes", "margin": "2/4", "items": [1, "x"], "mode": "fast"}
            """)
        let cases: [(() throws -> Any?, String, String)] = [
            ({ try f.required("name", .string) }, "name", "expected a string, found the number \"3\""),
            ({ try f.optional("name", .string(as: "a class name")) }, "name",
             "expected a class name (a string), found the number \"3\""),
            ({ try f.orNull("name", .string) }, "name", "expected a string or null, found the number \"3\""),
            ({ try f.required("count", .count) }, "count", "expected a non-negative integer, found the number \"-1\""),
            ({ try f.required("flag", .bool) }, "flag", "expected true or false, found the string \"yes\""),
            ({ try f.required("mode", .choice([Positions.none, .index])) }, "mode",
             "expected \"none\" or \"index\", found the string \"fast\""),
            ({ try f.required("margin", .canonicalRational(limits: .standard)) }, "margin",
             "expected the number written as \"1/2\" (p or p/q in lowest terms), found \"2/4\""),
            ({ try f.required("items", .array(of: "names")) }, "items", ""),
            ({ try f.required("items", .array(of: .count)) }, "items[1]",
             "expected a non-negative integer, found the string \"x\""),
            ({ try f.required("name", .array(of: "names")) }, "name",
             "expected an array of names, found the number \"3\""),
        ]
        for (read, path, message) in cases {
            if message.isEmpty {
                #expect(throws: Never.self) { _ = try read() }
                continue
            }
            let e = inputError { try read() }
            #expect(e?.path == "thing." + path && e?.message == message, "\(String(describing: e))")
            #expect(e?.file == "t.json" && e?.line == 1 && e?.column != nil, "\(String(describing: e))")
        }
    }

    @Test func valuesReadBack() throws {
        let f = try fields("""
            {"name": null, "count": 12, "flag": false, "margin": "-3/4", "items": [[1, 2], []], "mode": "index"}
            """)
        #expect(try f.orNull("name", .string) == nil)
        #expect(try f.optional("absent", .string) == nil)
        #expect(try f.required("count", .count) == 12)
        #expect(try f.required("flag", .bool) == false)
        #expect(try f.required("margin", .canonicalRational(limits: .standard)) == Rational(-3, 4))
        #expect(try f.required("items", .array(of: .array(of: .count))) == [[1, 2], []])
        #expect(try f.required("mode", .choice([Positions.none, .index])) == .index)
        #expect(f.has("flag") && !f.has("absent"))
    }

    @Test func narrowingRefusesWhatTheShapeDoesNotHave() throws {
        let f = try fields("{\"name\": \"a\", \"items\": []}")
        #expect(throws: Never.self) { try f.narrowed(what: "a named thing", allowed: ["name", "items"]) }
        let e = inputError { try f.narrowed(what: "a named thing", allowed: ["name"]) }
        #expect(e?.message == "unknown field \"items\" in a named thing (allowed: name)" && e?.path == "thing.items")
    }
}

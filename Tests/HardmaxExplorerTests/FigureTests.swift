import Exact
import Foundation
import HardmaxFormat
import HardmaxModel
import Testing
@testable import HardmaxExplorer

@Suite struct FigureTests {
    func parsed(_ svg: String) throws -> SVGElements {
        let (elements, error) = SVGElements.parse(svg)
        guard let elements else { throw FigureTestError.notXML(error ?? "") }
        return elements
    }

    enum FigureTestError: Error { case notXML(String) }

    /// One polyline and one start and final marker per token, one diamond per final leader, one legend
    /// entry per final cluster, one ring per exact tie; the worked example has 8 tokens, leaders 3, 4, 6,
    /// and ties (layer 1: tokens 1, 2, 5; layer 2: token 2).
    @Test func workedExampleElementCounts() throws {
        let report = try ClusteringExplorer.explore(dataset(sequences: [workedExampleTokens]),
                                                   options: ClusteringOptions(alpha: 2, layers: 30))
        let svg = try parsed(try report.svg())
        #expect(svg.named("svg").count == 1)
        #expect(svg.withClass("trajectory").count == 8)
        #expect(svg.withClass("trajectory").allSatisfy { $0.name == "polyline" })
        #expect(svg.withClass("start").count == 8)
        #expect(svg.withClass("final").count == 8)
        #expect(svg.withClass("leader").map { $0.attributes["data-token"] ?? "" } == ["3", "4", "6"])
        #expect(svg.withClass("legend-cluster").count == 3)
        #expect(svg.withClass("legend-cluster").map(\.text) == [
            "leader 3: tokens 1, 3, 5", "leader 4: tokens 0, 2, 4", "leader 6: tokens 6, 7"])
        let ties = svg.withClass("tie").map { "\($0.attributes["data-layer"] ?? "")/\($0.attributes["data-token"] ?? "")" }
        #expect(ties == ["1/1", "1/2", "1/5", "2/2"])
        // Tokens 1 and 5 start at the same point and share one label.
        #expect(svg.withClass("token-label").map(\.text).contains("1, 5"))
        // Polyline colours follow the final clusters: 1, 3, 5 share one colour, 0, 2, 4 another.
        let colour = svg.withClass("trajectory").map { $0.attributes["stroke"] ?? "" }
        #expect(colour[1] == colour[3] && colour[3] == colour[5])
        #expect(colour[0] == colour[2] && colour[2] == colour[4])
        #expect(Set([colour[0], colour[1], colour[6]]).count == 3)
    }

    /// Every drawn point lies inside the plot frame, and the start point of a token is where the exact
    /// mapping puts it: the frame spans the axis range, so the pixel of a coordinate is an affine map.
    @Test func pointsLieInTheFrameAndTicksAreLabelled() throws {
        let report = try ClusteringExplorer.explore(dataset(sequences: [workedExampleTokens]),
                                                   options: ClusteringOptions(alpha: 2, layers: 5))
        let svg = try parsed(try report.svg())
        let frame = try #require(svg.withClass("frame").first)
        func number(_ s: String?) throws -> Rational { try Rational(parsing: try #require(s)) }
        let (x0, y0) = (try number(frame.attributes["x"]), try number(frame.attributes["y"]))
        let (x1, y1) = (x0 + (try number(frame.attributes["width"])), y0 + (try number(frame.attributes["height"])))
        for circle in svg.withClass("start") + svg.withClass("final") {
            let (cx, cy) = (try number(circle.attributes["cx"]), try number(circle.attributes["cy"]))
            #expect(x0 < cx && cx < x1 && y0 < cy && cy < y1)
        }
        for line in svg.withClass("trajectory") {
            for point in (line.attributes["points"] ?? "").split(separator: " ") {
                let xy = point.split(separator: ",")
                let (x, y) = (try number(String(xy[0])), try number(String(xy[1])))
                #expect(x0 < x && x < x1 && y0 < y && y < y1)
            }
        }
        // Leaders 3 = (-4, 2), 4 = (4, 1) and 6 = (-5, -4) never move. Pixels are an affine image of the
        // data with one scale on both axes (y pointing down), up to the 0.005 rounding of each number.
        var centre: [String: (Rational, Rational)] = [:]
        for c in svg.withClass("final") {
            centre[c.attributes["data-token"] ?? ""] = (try number(c.attributes["cx"]), try number(c.attributes["cy"]))
        }
        let (p3, p4, p6) = (try #require(centre["3"]), try #require(centre["4"]), try #require(centre["6"]))
        let scale = try (p4.0 - p3.0) / 8                       // pixels per unit, horizontally
        #expect(scale > 0)
        let tolerance = try Rational(1, 25)
        func close(_ a: Rational, _ b: Rational) -> Bool { a - b <= tolerance && b - a <= tolerance }
        #expect(close(p6.0 - p3.0, -scale))                     // x: -5 - (-4) = -1
        #expect(close(p4.1 - p3.1, scale))                      // y: 1 - 2 = -1, drawn downwards
        #expect(close(p6.1 - p3.1, scale * 6))                  // y: -4 - 2 = -6
        let labels = svg.withClass("tick-label").map(\.text)
        #expect(labels.contains("-4") && labels.contains("0") && labels.contains("2"))
        // Every number in a geometric attribute is plain fixed-point text: digits, at most one point.
        func plain(_ s: Substring) -> Bool {
            let body = s.hasPrefix("-") ? s.dropFirst() : s
            return !body.isEmpty && body.filter { $0 == "." }.count <= 1 && body.allSatisfy { $0.isASCII && ($0.isNumber || $0 == ".") }
        }
        for element in svg.elements {
            for key in ["x", "y", "cx", "cy", "r", "x1", "y1", "x2", "y2", "width", "height"] {
                if let value = element.attributes[key] { #expect(plain(Substring(value)), "\(key)=\(value)") }
            }
            if element.name == "polyline" || element.name == "polygon" {
                let numbers = (element.attributes["points"] ?? "").split { $0 == " " || $0 == "," }
                #expect(numbers.allSatisfy(plain))
            }
        }
    }

    /// With d = 1 the figure puts the layer on the horizontal axis; ticks are layer numbers.
    @Test func oneDimensionalFigureUsesLayers() throws {
        let report = try ClusteringExplorer.explore(dataset([["1"], ["2"], ["-3"]]),
                                                   options: ClusteringOptions(alpha: q("1/3"), layers: 12))
        let svg = try parsed(try report.svg())
        #expect(svg.withClass("trajectory").count == 3)
        #expect(svg.withClass("leader").count == 2)
        #expect(svg.withClass("legend-cluster").count == 2)
        #expect(svg.withClass("axis-label").map(\.text) == ["layer", "coordinate 0"])
        let horizontalTicks = svg.withClass("tick-label").filter { $0.attributes["text-anchor"] == "middle" }
        #expect(horizontalTicks.allSatisfy { Int($0.text) != nil })
    }

    /// Labels with XML metacharacters are escaped; the document still parses and shows them.
    @Test func labelsAreEscaped() throws {
        let report = try ClusteringExplorer.explore(dataset([["1", "0"], ["0", "1"]], label: "a<b & \"c\""),
                                                   options: ClusteringOptions(layers: 2))
        let svg = try parsed(try report.svg())
        #expect(svg.named("text").contains { $0.text.contains("a<b & \"c\"") })
    }

    /// All tokens at one point: the ranges are widened, nothing divides by zero.
    @Test func degenerateConfigurationStillDraws() throws {
        let report = try ClusteringExplorer.explore(dataset([["1", "1"], ["1", "1"]]),
                                                   options: ClusteringOptions(layers: 3))
        let svg = try parsed(try report.svg())
        #expect(svg.withClass("trajectory").count == 2)
        #expect(svg.withClass("leader").isEmpty)   // duplicates attend to each other: no leader ...
        // ... but a repeated leader, drawn with its own marker.
        #expect(svg.withClass("duplicated-leader").map { $0.attributes["data-tokens"] } == ["0 1"])
        #expect(svg.withClass("legend-cluster").map(\.text) == ["leader 0 = 1 (copies): tokens 0, 1"])
        #expect(svg.withClass("tie").isEmpty)     // copies are not a tie between distinct tokens
    }

    /// One token: it attends to itself only, so it is a leader and never moves.
    @Test func singleToken() throws {
        for tokens in [[["7/2", "-1"]], [["0"]]] {
            let report = try ClusteringExplorer.explore(dataset(tokens), options: ClusteringOptions(layers: 2))
            #expect(report.trajectories[0].finalTokens == tokens.map { $0.map(q) })
            let svg = try parsed(try report.svg())
            #expect(svg.withClass("trajectory").count == 1)
            #expect(svg.withClass("leader").count == 1)
            #expect(svg.withClass("legend-cluster").map(\.text) == ["leader 0: token 0"])
        }
    }

    @Test func chosenCoordinatesAndBadChoices() throws {
        let report = try ClusteringExplorer.explore(dataset([["1", "0", "5"], ["0", "1", "-5"]]),
                                                   options: ClusteringOptions(layers: 2))
        let svg = try parsed(try report.svg(axes: ClusteringFigureOptions(horizontal: 2, vertical: 0)))
        #expect(svg.withClass("axis-label").map(\.text) == ["coordinate 2", "coordinate 0"])
        #expect(throws: InputError.self) { try report.svg(axes: ClusteringFigureOptions(horizontal: 3, vertical: 0)) }
        #expect(throws: InputError.self) { try report.svg(axes: ClusteringFigureOptions(horizontal: 0, vertical: -1)) }
        #expect(throws: InputError.self) { try report.svg(sequence: 1) }
    }
}

import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// The elements of an SVG document, read back with Foundation's XML parser.
struct SVGElements {
    struct Element {
        let name: String
        let attributes: [String: String]
        var text: String
        var classes: [String] { (attributes["class"] ?? "").split(separator: " ").map(String.init) }
    }

    private(set) var elements: [Element] = []

    /// Parses `svg`; nil when it is not well-formed XML (with the parser's error).
    static func parse(_ svg: String) -> (SVGElements?, String?) {
        let delegate = Collector()
        let parser = XMLParser(data: Data(svg.utf8))
        parser.delegate = delegate
        if parser.parse() { return (SVGElements(elements: delegate.elements), nil) }
        return (nil, parser.parserError.map { "\($0)" } ?? "unknown XML error")
    }

    /// The elements with `cssClass` among their classes.
    func withClass(_ cssClass: String) -> [Element] { elements.filter { $0.classes.contains(cssClass) } }

    func named(_ name: String) -> [Element] { elements.filter { $0.name == name } }

    private final class Collector: NSObject, XMLParserDelegate {
        var elements: [Element] = []
        var open: [Int] = []
        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?,
                    qualifiedName: String?, attributes: [String: String] = [:]) {
            open.append(elements.count)
            elements.append(Element(name: name, attributes: attributes, text: ""))
        }
        func parser(_ parser: XMLParser, foundCharacters string: String) {
            if let last = open.last { elements[last].text += string }
        }
        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?,
                    qualifiedName: String?) {
            open.removeLast()
        }
    }
}

import Foundation
import Testing
import TestSupport
@testable import HardmaxFormat
import HardmaxModel

/// Parses JSON text (test convenience).
func json(_ text: String) throws -> JSONValue {
    try JSONReader.parse(Array(text.utf8), file: "t.json")
}

import Exact
@testable import HardmaxAccelerator

extension TokenTable {
    /// The tokens by position (rows repeated for merged duplicates), to compare with the kernel's.
    func tokensByPosition() -> [[Rational]] {
        rowOfPosition.map { r in Array(values[(r * width)..<((r + 1) * width)]) }
    }
}

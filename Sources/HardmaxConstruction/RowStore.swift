/// Rows of machine integers, all of one width, appended in order and read by (row, column).
///
/// Stored in blocks of 2^16 rows, so appending never copies a stored row and the spare capacity is
/// at most about one block (a growing single array holds up to twice its rows, and three times while
/// it is copied); each entry takes 32 bits while every entry fits, and all take 64 from the first one
/// that does not (one pass). Ten million rows of eight small numerators take 320 MB, not 1.3 GB.
struct RowStore: Sendable {
    private static let blockShift = 16
    private static let blockMask = (1 << blockShift) - 1

    let width: Int
    private(set) var count = 0
    private var narrow: [[Int32]] = []
    private var wide: [[Int]] = []
    /// Whether the entries are in `wide` (64 bits) rather than `narrow`.
    private(set) var isWide = false

    init(width: Int) {
        precondition(width >= 1, "RowStore: width must be positive")
        self.width = width
    }

    /// Entry `c` of row `p`.
    @inline(__always)
    subscript(p: Int, c: Int) -> Int {
        let block = p >> Self.blockShift, i = (p & Self.blockMask) * width + c
        return isWide ? wide[block][i] : Int(narrow[block][i])
    }

    /// Row `p` as an array.
    func row(_ p: Int) -> [Int] { (0..<width).map { self[p, $0] } }

    /// Appends `row` (of `width` entries) as row `count`.
    /// - Complexity: O(width), amortised; O(count * width) once, when the first wide entry arrives.
    mutating func append(_ row: [Int]) {
        precondition(row.count == width, "RowStore: row of the wrong width")
        if !isWide && !row.allSatisfy({ Int32(exactly: $0) != nil }) { widen() }
        if count & Self.blockMask == 0 {
            if isWide { wide.append([]) } else { narrow.append([]) }
        }
        if isWide {
            wide[wide.count - 1].append(contentsOf: row)
        } else {
            let last = narrow.count - 1
            for x in row { narrow[last].append(Int32(truncatingIfNeeded: x)) }
        }
        count += 1
    }

    /// Multiplies every entry by `factor`; false (and the store unusable) when an entry overflows `Int`.
    /// - Complexity: O(count * width).
    mutating func multiply(by factor: Int) -> Bool {
        if !isWide {
            let bound = Int(Int32.max) / max(factor, 1)
            if !narrow.allSatisfy({ $0.allSatisfy { Int($0).magnitude <= bound } }) { widen() }
        }
        if isWide {
            for b in wide.indices {
                for i in wide[b].indices {
                    guard let v = checkedProduct(wide[b][i], factor) else { return false }
                    wide[b][i] = v
                }
            }
        } else {
            for b in narrow.indices {
                for i in narrow[b].indices { narrow[b][i] = Int32(Int(narrow[b][i]) * factor) }
            }
        }
        return true
    }

    /// Moves every entry to 64 bits.
    private mutating func widen() {
        wide = narrow.map { block in block.map { Int($0) } }
        narrow = []
        isWide = true
    }
}

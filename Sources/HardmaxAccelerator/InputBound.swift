import Exact
import HardmaxModel

/// What happens to a sequence's numbers before the first layer (SPEC.md sections 4 and 10): symbols
/// become rows of the embedding table, a position table's row t is added to token t, and `index`
/// positions append t. With ``DataBound`` (the data's own numbers) it starts every ``ValueBound``.
struct InputBound {
    /// The embedding table's entries (nil: the model reads vectors).
    let embedding: LinearBound?
    let positionTable: LinearBound?
    let indexPositions: Bool

    init(_ model: Model) {
        embedding = model.embedding.map { LinearBound(entries: $0.table.entries, columns: 1, bias: []) }
        positionTable = model.positionTable.map { LinearBound(entries: $0.entries, columns: 1, bias: []) }
        indexPositions = model.positions == .index
    }

    /// The bound on the tokens the first layer reads, for sequences of at most `n` tokens whose data is
    /// within `data` (for symbols, the table's entries stand for the data).
    func start(_ data: ValueBound, n: Int) -> ValueBound {
        var v = data
        if let e = embedding {
            // A row each: the lcm of all the table's denominators is common to every token.
            v = ValueBound(token: e.denominatorBits, sequence: e.denominatorBits, magnitude: e.gain)
        }
        if let p = positionTable {
            v = ValueBound(token: ValueBound.sum(v.token, p.denominatorBits), sequence: ValueBound.sum(v.sequence, p.denominatorBits),
                           magnitude: max(v.magnitude, p.gain) + 1)
        }
        if indexPositions {
            v = ValueBound(token: v.token, sequence: v.sequence, magnitude: max(v.magnitude, ValueBound.bits(of: n) + 1))
        }
        return v
    }
}

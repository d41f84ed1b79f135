import Exact
import HardmaxModel

/// Symbol tokens (SPEC.md section 10) as vectors a construction can work on: symbol k of the
/// vocabulary (in order of first appearance in the data set) is the 1-D token (k + 1). The model then
/// carries the embedding that maps each symbol to that row, so it reads the symbol data set as it is.
struct SymbolEncoding {
    /// The symbols in order of first appearance.
    let vocabulary: [Label]

    /// The embedding table: row k is (k + 1).
    var embedding: Embedding {
        Embedding(vocabulary: vocabulary,
                  table: Matrix(rowArrays: vocabulary.indices.map { [Rational($0 + 1)] }, columns: 1))
    }

    /// `dataset` with every symbol replaced by its 1-D token (labels and ids kept), and the encoding;
    /// nil when `dataset` holds vectors.
    /// - Complexity: O(T) for T tokens.
    static func encode(_ dataset: Dataset) -> (dataset: Dataset, encoding: SymbolEncoding)? {
        guard dataset.dimension == 0 else { return nil }
        var index: [Label: Int] = [:]
        var vocabulary: [Label] = []
        var sequences: [LabelledSequence] = []
        sequences.reserveCapacity(dataset.sequences.count)
        for s in dataset.sequences {
            let values = s.symbols.map { symbol -> Rational in
                if let k = index[symbol] { return Rational(k + 1) }
                index[symbol] = vocabulary.count
                vocabulary.append(symbol)
                return Rational(vocabulary.count)
            }
            sequences.append(LabelledSequence(id: s.id, labels: s.labels, dimension: 1, values: values))
        }
        return (Dataset(dimension: 1, sequences: sequences), SymbolEncoding(vocabulary: vocabulary))
    }
}

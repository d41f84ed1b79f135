import Exact
import HardmaxModel
import HardmaxKernel
import HardmaxAccelerator

extension ModelSummary {
    /// The summary for people, one line per layer, e.g. (models/jv-compact.json)
    /// ```
    /// model: dimension 12, positions none, 3 layers in 2 blocks, readout mean over 9 classes
    /// layer 0  block 0  feedforward  12 -> 12  hidden 2, rank W1 2; 62 parameters (18 non-zero)
    /// layer 1  block 1  attention  12 -> 12  head 0: uniform, score rank 0, value rank 1; 144 parameters (1 non-zero)
    /// layer 2  block 1  feedforward  12 -> 12  hidden 622, rank W1 1; 15562 parameters (1867 non-zero)
    /// readout: mean, 9 classes (1, 2, 3, 4, 5, 6, 7, 8, 9), 117 parameters
    /// parameters: 15885, non-zero 1902
    /// ```
    /// A softmax model says `softmax attention` after the dimension; a feedforward layer says a non-relu
    /// activation, and a layer with `norm` says `pre-norm` (SPEC.md section 11).
    /// A model with the fields of SPEC.md section 10 also gets an `embedding:` and a `positions:` line,
    /// and its heads say `factored (k_v = 22)`, which biases they have and which are non-zero, and their
    /// scale, e.g. (certificates/tracr/sort)
    /// ```
    /// model: dimension 43, embedding of 6 symbols, positions table, 6 layers in 3 blocks, readout every over 4 classes
    /// embedding: vocabulary 6 (1, 2, 3, 4, BOS, PAD), table 6 x 43; 258 parameters (12 non-zero)
    /// positions: table 6 x 43 (sequences of up to 6 tokens); 258 parameters (5 non-zero)
    /// ...
    /// layer 2  block 1  attention  43 -> 43  head 0: query-key (k = 22), score rank 20, factored (k_v = 22), value rank 1, biases query/key/value/output all zero, scale sqrt(1/22); 3893 parameters (214 non-zero)
    /// ```
    public var text: String {
        var lines = ["model: dimension \(dimension), " + (semantics == .hardmax ? "" : "\(semantics.rawValue) attention, ")
                     + (vocabulary.map { "embedding of \($0.count) symbols, " } ?? "")
                     + "positions \(positionTable == nil ? positions.rawValue : "table"), \(layers.count) layers in "
                     + "\(census.blocks) blocks, readout \(pool.rawValue) over " + Self.count(outputNames.count, outputNoun)]
        if let vocabulary, let embedding {
            lines.append("embedding: vocabulary \(vocabulary.count) (\(Self.shown(vocabulary))), table "
                         + "\(embedding.rows) x \(embedding.columns); " + Self.counts(embedding))
        }
        if let table = positionTable {
            lines.append("positions: table \(table.rows) x \(table.columns) (sequences of up to \(table.rows) "
                         + "\(table.rows == 1 ? "token" : "tokens")); " + Self.counts(table))
        }
        for l in layers {
            let block = census.layerBlocks[l.index].map { "block \($0)" } ?? "no block"
            var details: [String] = []
            switch l.kind {
            case .attention:
                for (h, head) in l.heads.enumerated() { details.append("head \(h): " + Self.describe(head)) }
                if l.causal { details.append("causal") }
            case .feedforward:
                details.append("hidden \(l.hiddenWidth ?? 0), rank W1 \(l.w1Rank ?? 0)")
                if l.activation != .relu { details.append("activation \(l.activation.rawValue)") }
            case .affine, .layernorm:
                break
            }
            if l.preNorm { details.append("pre-norm") }
            if let r = l.residual, r != .one { details.append("residual \(r)") }
            let part = census.layerParts[l.index]
            details.append("\(part.parameters) parameters (\(part.nonZeroParameters) non-zero)")
            lines.append("layer \(l.index)  \(block)  \(l.kind.rawValue)  \(l.widthIn) -> \(l.widthOut)  "
                         + details.joined(separator: "; "))
        }
        let tolerance = values.map { ", tolerance \($0.tolerance)" } ?? ""
        lines.append("readout: \(pool.rawValue), \(Self.count(outputNames.count, outputNoun)) "
                     + "(\(Self.shown(outputNames)))\(tolerance), \(census.readout.parameters) parameters")
        lines.append("parameters: \(census.parameters), non-zero \(census.nonZeroParameters)")
        return lines.joined(separator: "\n") + "\n"
    }

    /// The classes, or the value names of a value readout.
    private var outputNames: [Label] { values?.names ?? classes }
    private var outputNoun: String { values == nil ? "class" : "value" }

    /// "query-key (k = 22), score rank 1, factored (k_v = 22), value rank 1, biases query/key/value/output
    /// all zero, scale sqrt(1/22)" (or "biases value/output (non-zero: output)"); a section 4 head has only
    /// its score and the two ranks.
    private static func describe(_ head: Head) -> String {
        var parts = [head.k.map { "\(head.score) (k = \($0))" } ?? head.score, "score rank \(head.scoreRank)"]
        if let kv = head.valueWidth { parts.append("factored (k_v = \(kv))") }
        parts.append("value rank \(head.valueRank)")
        if !head.biases.isEmpty {
            let nonZero = head.nonZeroBiases.isEmpty ? " all zero"
                : " (non-zero: " + head.nonZeroBiases.map(\.rawValue).joined(separator: "/") + ")"
            parts.append("biases \(head.biases.map(\.rawValue).joined(separator: "/"))" + nonZero)
        }
        switch head.scale {
        case .rational(let beta) where beta == .one: break
        case .rational(let beta): parts.append("scale \(beta)")
        case .squareRoot(let q): parts.append("scale sqrt(\(q))")
        }
        return parts.joined(separator: ", ")
    }

    private static func counts(_ table: Table) -> String {
        "\(table.parameters) parameters (\(table.nonZeroParameters) non-zero)"
    }

    /// "4 classes", "1 value".
    private static func count(_ n: Int, _ noun: String) -> String {
        "\(n) " + (n == 1 ? noun : noun == "class" ? "classes" : noun + "s")
    }

    /// The first ten names, then "...".
    static func shown(_ names: [Label]) -> String {
        names.prefix(10).map(\.text).joined(separator: ", ") + (names.count > 10 ? ", ..." : "")
    }
}

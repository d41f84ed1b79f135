import HardmaxModel

extension WorkEstimate {
    /// The work of compiling `model` for the fast path (rank-1 tables, fused layers, sparse rows), which
    /// happens before any sequence: one pass over every parameter (``ModelCensus``), on numbers the size
    /// of the layer's largest parameter, and the product Wo Wv of each factored head. (A rank-1 table's running sums reduce at every kink, and a
    /// table whose numbers pass 2^16 bits is abandoned for the plain evaluation: ``RankOneFeedForward``.)
    /// - Complexity: O(parameters).
    public init(compiling model: Model) {
        let census = ModelCensus(model)
        var tally = Tally()
        for (l, part) in census.layerParts.enumerated() {
            tally.add(part.parameters, bits: part.maxBitLength, layer: l)
            // A head's output is multiplied into its value (ModelLowering): w x k_v x w.
            if case .attention(let a) = model.layers[l] {
                for head in a.heads {
                    guard let o = head.output else { continue }
                    tally.add(Self.multiply(Self.multiply(o.rows, o.columns), head.value.columns), bits: part.maxBitLength, layer: l)
                }
            }
        }
        tally.add(census.input.parameters, bits: census.input.maxBitLength, layer: nil)
        tally.add(census.readout.parameters, bits: census.readout.maxBitLength, layer: nil)
        self.init(task: "compiling this model for replay", tally)
    }
}

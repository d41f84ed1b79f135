/// How a construction packs the steps of SPEC.md section 7 into layers.
///
/// Both strategies compute the same hash and the same interpolation; they differ only in shape.
public enum Strategy: String, Sendable, CaseIterable {
    /// Two blocks: FF_1 (zero o, hash features into h), the collapse attention, FF_2 (the
    /// piecewise-linear interpolation, width <= K - 1). The readout reads coordinate o.
    case compact
    /// Every feedforward has width 1, every attention score has rank <= 1 and every value rank 1:
    /// shear, one block per hash feature, zero o, attention + zero h, one block per slope change.
    /// At most features + (K - 1) + 3 blocks. The readout reads coordinate h.
    case narrow
}

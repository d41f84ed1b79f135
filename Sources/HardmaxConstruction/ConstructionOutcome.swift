import HardmaxFormat
import HardmaxModel
import HardmaxVerifier
import HardmaxKernel

/// What `Constructor.construct` found: a model with its report, or a refutation.
public enum ConstructionOutcome: Sendable {
    /// A model that classifies every sequence (to be confirmed by the verifier's replay).
    case model(Model, ConstructionReport)
    /// Two or more differently-labelled sequences share a canonical measure, so no
    /// permutation-invariant model separates them (SPEC.md section 6). Never empty; ordered as
    /// `Conflict.conflicts(in:positions:)` orders them.
    case impossible([Conflict])
    /// Two differently-labelled positions share a context (SPEC.md section 12), so no model of the
    /// class labels both right. Never empty; ordered as `TokenConflict.conflicts(in:mask:positions:)`
    /// orders them.
    case impossiblePerToken([TokenConflict])
}

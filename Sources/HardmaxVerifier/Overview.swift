import HardmaxModel
import HardmaxKernel
import HardmaxAccelerator
// HardmaxVerifier: the trusted kernel. It imports Exact and HardmaxFormat only, never construction code.
//
// How to audit it (SPEC.md sections 4-6, 8):
//
// The semantics, transcribed rule by rule (read these first; nothing else decides what a model computes):
//   Replay+Plain.swift        positions, attention (three head forms, all maximisers, causal mask,
//                             residual, heads summed), feedforward, affine — no shortcut
//   Readout+Decision.swift    scores, strict argmax, margin, pass rule, failure reasons
//   BitLimit.swift            the size guard on numbers
//   Model+Shapes.swift        the kernel's own shape check of a model
//   CanonicalMeasure.swift, Conflict.swift   empirical measures and refutations (SPEC 6)
//
// The fast path (each shortcut exact, each tested against the plain replay on random models with many
// ties: Tests/HardmaxVerifierTests/ShortcutEquivalenceTests.swift, and against pyreplay.py):
//   ReplayPlan.swift          compiles the model into steps and runs them
//   TokenTable.swift          tokens with multiplicities (the duplicates shortcut)
//   FastAttention.swift, AttentionSelection.swift   uniform, rank-1 and general score selection
//   FastFeedForward.swift     sparse feedforward;  RankOneFeedForward.swift  the rank-1 shortcut
//   FeedForward+Fusion.swift  fusion of consecutive feedforward layers (with its proof)
//   SparseVector.swift, ProductSum.swift, RankOneFactor.swift   helpers
//
// Entry points: Verifier.swift (verify, parallel over sequences), Verification.swift (results),
// Certificate*.swift and CertificateCheck.swift (SPEC 5), ModelSummary*.swift (inspect),
// JUnitReport.swift (CI reports).
//
// Scale (none of it changes what is computed; tests compare each with the whole in-memory verification):
//   Verifier+Files.swift      streamed verification of files: batches replayed while the next is parsed
//   Shard.swift, Verifier+Part.swift, Verification+Part.swift   one shard (j mod K = I - 1) of a verification
//   CertificateMerge.swift    K shard certificates -> the whole verification's certificate

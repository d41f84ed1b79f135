// HardmaxVerifier: the pipeline around the trusted kernel. It decides nothing itself: what a model
// computes on a sequence, whether the sequence passes and whether a certificate records exactly that
// are HardmaxKernel's (Kernel.swift is its entry), or, on the fast path, HardmaxAccelerator's replay
// plan, which tests prove equal to the kernel. This module reads and hashes each file once, streams
// data sets, splits work over threads and shards, limits work, and writes and reads certificates and
// reports. It imports Exact, HardmaxModel, HardmaxKernel, HardmaxAccelerator and HardmaxFormat (see
// Package.swift), never construction or explorer code.
//
// Where to read (SPEC.md sections 4-6, 8):
//   Run.swift                 one run of verify, construct or check: each file read once, the bytes it
//                             parses hashed (FileDigests.swift), one work budget, certificates and JUnit
//   Verifier.swift            a model compiled once (the kernel alone, or the replay plan); one sequence
//   Verifier+Part.swift       the sequences of a data set or a shard in parallel, rows in index order
//   Verifier+Files.swift      streamed verification of files: batches replayed while the next is parsed
//   VerifierOptions.swift, ProgressCounter.swift   jobs, limits, shortcuts; progress reports
//   Certificate+Making.swift, Certificate+JSON.swift   a verification or a refutation as a certificate (SPEC 5)
//   Certificate+Reading.swift, CertificateFields.swift   strict reading of a certificate file
//   CertificateCheck.swift    `check`: re-hashes the named files, replays, compares with the kernel's
//                             CertificateComparison
//   CertificateMerge.swift    K shard certificates -> the whole verification's certificate
//   FilePaths.swift           file names relative to a certificate's folder
//   JUnitReport.swift         a verification as JUnit XML, for CI
//   ModelSummary*.swift       what `inspect` prints: widths and exact ranks, counts from ModelCensus
//   DatasetSummary*.swift     what `inspect` prints of a dataset file: tokens, symbols, labels

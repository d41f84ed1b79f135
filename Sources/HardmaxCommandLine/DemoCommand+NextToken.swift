import HardmaxConstruction
import HardmaxFormat
import HardmaxModel
import HardmaxVerifier
import HardmaxKernel

/// `hardmax demo --next-token`: next-character prediction (SPEC.md section 12) end to end on the
/// English number words one to twenty: the full table is refuted (a prefix continued two ways), its
/// deterministic part is constructed, verified from the written file and certified.
enum NextTokenDemo {
    /// The words, each a sequence of letters; position t is labelled by letter t + 1, the last by `$`.
    static let words = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
                        "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
                        "eighteen", "nineteen", "twenty"]

    /// Every position labelled (`deterministic` false), or only those whose prefix every word with it
    /// continues the same way (the others null).
    static func table(deterministic: Bool) -> Dataset {
        var continuations: [Substring: Set<String>] = [:]
        let labels = words.map { w in w.dropFirst().map { String($0) } + ["$"] }
        for (w, ls) in zip(words, labels) {
            for (t, l) in ls.enumerated() { continuations[w.prefix(t + 1), default: []].insert(l) }
        }
        return Dataset(dimension: 0, sequences: zip(words, labels).map { w, ls in
            let kept = ls.enumerated().map { t, l -> Label? in
                !deterministic || continuations[w.prefix(t + 1)]?.count == 1 ? Label(l) : nil
            }
            return LabelledSequence(id: w, labels: .perToken(kept), symbols: w.map { Label(String($0)) })
        })
    }

    static func run(folder: String, run: Run, console: Console, checkCommand: String) throws -> Bool {
        console.line("hardmax demo --next-token: next-letter prediction over the number words one to twenty, "
                     + "causal attention with positions (each position sees exactly its prefix)")
        let fullFile = folder + "/number-words.jsonl"
        try FileIO.writeAtomically(DatasetWriter.jsonLines(table(deterministic: false)), to: fullFile)
        let full = try run.readDataset([fullFile])
        let refuted = folder + "/number-words.certificate.json"
        let first = try Construction.run(dataset: full, in: run, strategy: .compact, positions: .index, mask: .causal,
                                         modelFile: folder + "/number-words.json", certificateFile: refuted)
        guard case .impossiblePerToken(let conflicts, _) = first else {
            console.line("unexpected: the full table was not refuted")
            return false
        }
        let example = conflicts[0]
        console.line("\(fullFile): every position labelled by the next letter or $: impossible, "
                     + "\(conflicts.count) conflicts, e.g. \(describe(example.first, full)) and "
                     + "\(describe(example.second, full)): one prefix, two continuations")
        console.line("  certificate: \(refuted) (check re-derives every conflict from the data)")

        let partFile = folder + "/number-words-deterministic.jsonl"
        try FileIO.writeAtomically(DatasetWriter.jsonLines(table(deterministic: true)), to: partFile)
        let part = try run.readDataset([partFile])
        let model = folder + "/number-words-deterministic.json"
        let certificate = OutputPaths.defaultCertificate(forModel: model)
        let second = try Construction.run(dataset: part, in: run, strategy: .compact, positions: .index, mask: .causal,
                                          modelFile: model, certificateFile: certificate)
        guard case .verified(let report, let verification) = second else {
            console.line("unexpected: the deterministic part was refuted")
            return false
        }
        console.line("\(partFile): the deterministic part (\(report.labelledPositions) of \(report.tokens) positions "
                     + "labelled, the others null)")
        console.line("compact: \(report.contexts) contexts, \(report.census.blocks) blocks (the 2 sum m + 2N + 1 "
                     + "construction needs \(report.sequenceInterpolationBlocks)), \(report.census.parameters) parameters "
                     + "(\(report.census.nonZeroParameters) non-zero)")
        console.line("  verified from \(model): verdict \(verification.verdict.rawValue), "
                     + "\(verification.counts.passed) of \(verification.counts.sequences) words pass at every "
                     + "labelled position, min margin \(verification.minMargin.map { "\($0)" } ?? "none")")
        for row in verification.results where ["seventeen", "twelve"].contains(row.id ?? "") {
            let shown = row.predicted.map { p -> String in
                if case .label(let l)? = p { return l.text }
                return "·"
            }.joined(separator: " ")
            console.line("  \(row.id ?? ""): predicted after each prefix: \(shown)   (· = not checked)")
        }
        console.line("  certificate: \(certificate)")
        console.line("")
        console.line("Re-check it: \(checkCommand) \(certificate)")
        return verification.verdict == .pass
    }

    private static func describe(_ site: TokenSite, _ data: Dataset) -> String {
        let s = data.sequences[site.sequence]
        let prefix = s.symbols[0...site.token].map(\.text).joined()
        let label: String
        if case .perToken(let labels) = s.labels, let l = labels[site.token] { label = l.text } else { label = "?" }
        return "\(s.id ?? "") (\(prefix) -> \(label))"
    }
}

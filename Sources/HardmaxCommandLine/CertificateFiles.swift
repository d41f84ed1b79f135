import HardmaxFormat
import HardmaxVerifier

/// Writing the files a verification produces: certificates (names relative to the certificate's
/// folder, hashes of the files as they are on disk) and JUnit XML. Every write is atomic.
enum CertificateFiles {
    static func writeVerification(_ verification: Verification, model: String, weights: [String], datasets: [String],
                                  shard: Shard? = nil, to path: String, failuresOnly: Bool) throws {
        let certificate = Certificate(verification: verification,
                                      model: try FileReference(file: model, forCertificateAt: path),
                                      weights: try references(weights, for: path),
                                      datasets: try references(datasets, for: path),
                                      shard: shard, failuresOnly: failuresOnly)
        try certificate.write(to: path)
    }

    static func writeImpossible(_ conflicts: [Conflict], positions: Positions, datasets: [String],
                                to path: String) throws {
        let certificate = Certificate(conflicts: conflicts, positions: positions,
                                      datasets: try references(datasets, for: path))
        try certificate.write(to: path)
    }

    static func writeJUnit(_ verification: Verification, datasets: [String],
                           sequencesPerFile: [Int], to path: String) throws {
        let report = JUnitReport(suiteName: "hardmax verify",
                                 files: Array(zip(datasets, sequencesPerFile)).map { (name: $0.0, sequences: $0.1) })
        try FileIO.writeAtomically(Array(report.xml(for: verification).utf8), to: path)
    }

    /// `model.json` -> `model.certificate.json`: the default certificate next to a model.
    static func defaultPath(forModel model: String) -> String {
        let stem = model.hasSuffix(".json") ? String(model.dropLast(5)) : model
        return stem + ".certificate.json"
    }

    private static func references(_ files: [String], for certificate: String) throws -> [FileReference] {
        try files.map { try FileReference(file: $0, forCertificateAt: certificate) }
    }
}

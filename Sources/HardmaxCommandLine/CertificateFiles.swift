import HardmaxFormat
import HardmaxModel
import HardmaxVerifier
import HardmaxKernel

/// Writing the files a verification produces: certificates (names relative to the certificate's
/// folder, hashes of the bytes that were read and replayed) and JUnit XML. Every write is atomic.
enum CertificateFiles {
    /// - Precondition: `model` recorded exactly one file.
    static func writeVerification(_ verification: Verification, model: FileDigests, weights: FileDigests,
                                  datasets: FileDigests, shard: Shard? = nil, to path: String, failuresOnly: Bool) throws {
        let models = model.references(forCertificateAt: path)
        precondition(models.count == 1, "CertificateFiles.writeVerification: one model file")
        let certificate = Certificate(verification: verification, model: models[0],
                                      weights: weights.references(forCertificateAt: path),
                                      datasets: datasets.references(forCertificateAt: path),
                                      shard: shard, failuresOnly: failuresOnly)
        try certificate.write(to: path)
    }

    static func writeImpossible(_ conflicts: [Conflict], positions: Positions, datasets: FileDigests,
                                to path: String) throws {
        let certificate = Certificate(conflicts: conflicts, positions: positions,
                                      datasets: datasets.references(forCertificateAt: path))
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
}

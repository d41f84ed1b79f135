@testable import HardmaxKernel

extension Certificate {
    /// True when `results` leaves out passing rows (fewer rows than the certificate's sequences).
    var isFailuresOnly: Bool { counts.map { results.count < $0.sequences } ?? false }
}

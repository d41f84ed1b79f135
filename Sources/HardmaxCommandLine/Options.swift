import HardmaxFormat
import HardmaxModel
import HardmaxVerifier
import HardmaxKernel

/// Turning option text into values, with usage errors that quote what the user typed.
extension ParsedArguments {
    /// `--jobs N` as a verifier thread count (0: all cores).
    func jobs(command: String) throws -> Int {
        guard let text = value("--jobs") else { return 0 }
        guard let jobs = Int(text), jobs >= 1, jobs <= 1024 else {
            throw UsageError(message: "--jobs expects a whole number from 1 to 1024, got '\(text)'", command: command)
        }
        return jobs
    }

    /// A choice among fixed words, e.g. `--strategy compact|narrow`.
    func choice<T: RawRepresentable>(_ option: String, default fallback: T, command: String) throws -> T
    where T.RawValue == String {
        guard let text = value(option) else { return fallback }
        guard let chosen = T(rawValue: text) else {
            let spec = Commands.named(command)?.option(named: option)
            throw UsageError(message: "\(option) expects \(spec?.valueName ?? "another value"), got '\(text)'",
                             command: command)
        }
        return chosen
    }
}

import Foundation
import HardmaxFormat
import HardmaxModel
import HardmaxKernel
import HardmaxAccelerator

/// Lexical path arithmetic for certificates: names relative to the certificate's folder.
/// Paths are `/`-separated; `.` and `..` are resolved lexically (symbolic links are not followed).
enum FilePaths {
    /// The components of `path` made absolute against the current directory, `.`/`..` resolved.
    static func absoluteComponents(_ path: String) -> [String] {
        let full = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        var out: [String] = []
        for part in full.split(separator: "/", omittingEmptySubsequences: true) {
            switch part {
            case ".": continue
            case "..": if !out.isEmpty { out.removeLast() }
            default: out.append(String(part))
            }
        }
        return out
    }

    /// `file` named relative to the folder that holds `certificate`, e.g. `../data/x.ts`.
    ///
    /// Symbolic links in the folders of both paths are resolved first, so that the name leads to the
    /// file when the operating system resolves it from the certificate's real folder. The file's own
    /// name stays the one the user gave, even when it is a link (`data.jsonl` to a content-addressed
    /// cache entry without an extension): its extension says the file's format.
    static func relative(_ file: String, toFolderOf certificate: String) -> String {
        let given = absoluteComponents(file)
        let fileFolder = "/" + given.dropLast().joined(separator: "/")
        let target = absoluteComponents(resolvingLinks(fileFolder)) + given.suffix(1)
        let certificateFolder = "/" + absoluteComponents(certificate).dropLast().joined(separator: "/")
        let folder = absoluteComponents(resolvingLinks(certificateFolder))
        var common = 0
        while common < folder.count, common < target.count - 1, folder[common] == target[common] { common += 1 }
        let ups = Array(repeating: "..", count: folder.count - common)
        return (ups + target[common...]).joined(separator: "/")
    }

    /// `path` with symbolic links resolved where it exists (unchanged where it does not).
    static func resolvingLinks(_ path: String) -> String {
        URL(fileURLWithPath: path).resolvingSymlinksInPath().path
    }

    /// The path of `name` (as recorded in a certificate) for the certificate at `certificate`:
    /// absolute names stay, relative ones are taken from the certificate's folder.
    static func resolve(_ name: String, forCertificateAt certificate: String) -> String {
        if name.hasPrefix("/") { return name }
        guard let slash = certificate.lastIndex(of: "/") else { return name }
        return String(certificate[...slash]) + name
    }
}

extension FileReference {
    /// Names the file at `path`, whose bytes as read and parsed have the SHA-256 `sha256`, relative to
    /// the folder of the certificate that will be written at `certificatePath`.
    public init(file path: String, sha256: String, forCertificateAt certificatePath: String) {
        self.init(file: FilePaths.relative(path, toFolderOf: certificatePath), sha256: sha256)
    }
}

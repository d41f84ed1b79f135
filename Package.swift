// swift-tools-version:6.0
// hardmax: construct and verify hardmax-attention transformers in exact rational arithmetic.
// No package dependencies, by design: the trusted kernel is ours to audit.
import PackageDescription

let package = Package(
    name: "hardmax",
    products: [
        .executable(name: "hardmax", targets: ["hardmax"]),
        .executable(name: "hardmax-bench", targets: ["hardmax-bench"]),
        .library(name: "HardmaxVerifier", targets: ["HardmaxVerifier"]),
    ],
    targets: [
        // Big integers, rationals, exact number text. Depends on nothing.
        .target(name: "Exact"),
        // JSON, dataset and model files, SHA-256. Knows syntax, not semantics.
        .target(name: "HardmaxFormat", dependencies: ["Exact"]),
        // The trusted kernel: exact replay, readout, certificates. Never imports construction code.
        .target(name: "HardmaxVerifier", dependencies: ["Exact", "HardmaxFormat"]),
        // Strategies that build models, and refutations. Untrusted: the verifier checks their output.
        .target(name: "HardmaxConstruction", dependencies: ["Exact", "HardmaxFormat", "HardmaxVerifier"]),
        // The clustering explorer: pure-attention dynamics replayed exactly, leaders, clusters, figures.
        .target(name: "HardmaxExplorer", dependencies: ["Exact", "HardmaxFormat", "HardmaxVerifier"]),
        // The command line as a library, so tests can run it in-process.
        .target(name: "HardmaxCommandLine",
                dependencies: ["Exact", "HardmaxFormat", "HardmaxVerifier", "HardmaxConstruction",
                               "HardmaxExplorer"]),
        .executableTarget(name: "hardmax", dependencies: ["HardmaxCommandLine"]),
        // Bounded, seeded fuzzing of every reader and the whole command line (run by .ci/run).
        .executableTarget(name: "hardmax-fuzz",
                          dependencies: ["Exact", "HardmaxFormat", "HardmaxVerifier", "HardmaxConstruction",
                                         "HardmaxCommandLine"]),
        .executableTarget(name: "hardmax-bench",
                          dependencies: ["Exact", "HardmaxFormat", "HardmaxVerifier", "HardmaxConstruction"]),

        .testTarget(name: "ExactTests", dependencies: ["Exact"]),
        .testTarget(name: "HardmaxFormatTests", dependencies: ["Exact", "HardmaxFormat"]),
        .testTarget(name: "HardmaxVerifierTests", dependencies: ["Exact", "HardmaxFormat", "HardmaxVerifier"]),
        .testTarget(name: "HardmaxConstructionTests",
                    dependencies: ["Exact", "HardmaxFormat", "HardmaxVerifier", "HardmaxConstruction"]),
        .testTarget(name: "HardmaxExplorerTests", dependencies: ["Exact", "HardmaxFormat", "HardmaxExplorer"]),
        .testTarget(name: "HardmaxCommandLineTests", dependencies: ["HardmaxCommandLine", "HardmaxVerifier"]),
    ],
    swiftLanguageModes: [.v5]
)

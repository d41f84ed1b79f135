// swift-tools-version:6.0
// hardmax: construct and verify hardmax-attention transformers in exact rational arithmetic.
// No package dependencies, by design: the trusted kernel is ours to audit.
//
// The trust boundary is the module list. A skeptic reads HardmaxKernel (and what it stands on: Exact and
// HardmaxModel); everything else is either input/output or is trusted only because tests prove it equal
// to the kernel.
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
        // The parsed values: models, datasets, labels, input errors. Data only, no semantics.
        .target(name: "HardmaxModel", dependencies: ["Exact"]),
        // The trusted kernel: well-formedness, the plain semantics, the readout decision, the bit limit,
        // measures, and the comparison of a recomputed verification with a certificate. Plain Rational
        // arithmetic only; imports Exact and HardmaxModel, nothing else.
        .target(name: "HardmaxKernel", dependencies: ["Exact", "HardmaxModel"], exclude: ["README.md"]),
        // The SHA-256 compression on the x86 SHA extensions, alone in a module compiled for them (used only
        // when the processor has them; tests compare it with the portable one in HardmaxFormat).
        .target(name: "SHA256Instructions",
                swiftSettings: [.unsafeFlags(["-Xcc", "-msha", "-Xcc", "-mssse3", "-Xcc", "-msse4.1"])]),
        // JSON, dataset and model files, tensors, SHA-256. Knows syntax; asks the kernel what is well formed.
        .target(name: "HardmaxFormat", dependencies: ["Exact", "HardmaxModel", "HardmaxKernel", "SHA256Instructions"]),
        // Untrusted speed: the replay plan and the shortcuts of SPEC section 8, tested equal to the kernel.
        .target(name: "HardmaxAccelerator", dependencies: ["Exact", "HardmaxModel", "HardmaxKernel"]),
        // The pipeline: reads and hashes files once, streams, limits work, writes certificates and JUnit.
        .target(name: "HardmaxVerifier",
                dependencies: ["Exact", "HardmaxModel", "HardmaxKernel", "HardmaxAccelerator", "HardmaxFormat"]),
        // Strategies that build models, and refutations. Untrusted: the verifier checks their output.
        .target(name: "HardmaxConstruction",
                dependencies: ["Exact", "HardmaxModel", "HardmaxKernel", "HardmaxAccelerator", "HardmaxFormat", "HardmaxVerifier"]),
        // The clustering explorer: pure-attention dynamics replayed exactly, leaders, clusters, figures.
        .target(name: "HardmaxExplorer",
                dependencies: ["Exact", "HardmaxModel", "HardmaxKernel", "HardmaxAccelerator", "HardmaxFormat", "HardmaxVerifier"]),
        // The command line as a library, so tests can run it in-process.
        .target(name: "HardmaxCommandLine",
                dependencies: ["Exact", "HardmaxModel", "HardmaxKernel", "HardmaxAccelerator", "HardmaxFormat", "HardmaxVerifier",
                               "HardmaxConstruction", "HardmaxExplorer"]),
        .executableTarget(name: "hardmax", dependencies: ["HardmaxCommandLine"]),
        // Bounded, seeded fuzzing of every reader and the whole command line (run by .ci/run).
        .executableTarget(name: "hardmax-fuzz",
                          dependencies: ["Exact", "HardmaxModel", "HardmaxKernel", "HardmaxAccelerator", "HardmaxFormat", "HardmaxVerifier",
                                         "HardmaxConstruction", "HardmaxCommandLine"]),
        .executableTarget(name: "hardmax-bench",
                          dependencies: ["Exact", "HardmaxModel", "HardmaxKernel", "HardmaxAccelerator", "HardmaxFormat", "HardmaxVerifier",
                                         "HardmaxConstruction"],
                          exclude: ["anchors"]),

        // Shared test helpers (a seeded generator with its own sampling, shared files, built programs);
        // only test targets depend on it.
        .target(name: "TestSupport", dependencies: ["HardmaxModel"], path: "Tests/TestSupport"),
        .testTarget(name: "TestSupportTests", dependencies: ["TestSupport"]),
        .testTarget(name: "ExactTests", dependencies: ["Exact"], exclude: ["Fixtures"]),
        .testTarget(name: "HardmaxFormatTests", dependencies: ["Exact", "HardmaxModel", "HardmaxKernel", "HardmaxFormat", "SHA256Instructions", "TestSupport"]),
        .testTarget(name: "HardmaxVerifierTests",
                    dependencies: ["Exact", "HardmaxModel", "HardmaxKernel", "HardmaxAccelerator", "HardmaxFormat",
                                   "HardmaxVerifier", "TestSupport"]),
        .testTarget(name: "HardmaxConstructionTests",
                    dependencies: ["Exact", "HardmaxModel", "HardmaxKernel", "HardmaxAccelerator", "HardmaxFormat", "HardmaxVerifier",
                                   "HardmaxConstruction", "TestSupport"]),
        .testTarget(name: "HardmaxExplorerTests",
                    dependencies: ["Exact", "HardmaxModel", "HardmaxKernel", "HardmaxAccelerator", "HardmaxFormat", "HardmaxVerifier",
                                   "HardmaxExplorer", "TestSupport"]),
        .testTarget(name: "HardmaxCommandLineTests",
                    dependencies: ["HardmaxCommandLine", "HardmaxModel", "HardmaxKernel", "HardmaxAccelerator", "HardmaxVerifier", "TestSupport"]),
    ],
    swiftLanguageModes: [.v5]
)

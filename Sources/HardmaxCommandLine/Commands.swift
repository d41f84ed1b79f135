/// The subcommands of `hardmax` and their help (SPEC.md section 9).
enum Commands {
    static let version = "0.1.0"

    static let construct = CommandSpec(
        name: "construct",
        abstract: "Build a hardmax transformer that classifies every sequence, or prove none exists.",
        arguments: [("DATA...", "Dataset files (.jsonl or UEA .ts), concatenated in order.")],
        minimumPositionals: 1, maximumPositionals: nil,
        options: [
            OptionSpec(name: "--output", short: "-o", valueName: "MODEL", help: "Where to write the model (required)."),
            OptionSpec(name: "--strategy", valueName: "compact|narrow",
                       help: "compact: 2 blocks (default). narrow: width-1 feedforwards, rank-1 attention."),
            OptionSpec(name: "--positions", valueName: "none|index",
                       help: "index appends each token's position (removes conflicts between reorderings)."),
            OptionSpec(name: "--mask", valueName: "causal|none",
                       help: "Per-token labels: causal labels each position from its prefix (next token); none (default) from the token and its sequence."),
            OptionSpec(name: "--semantics", valueName: "hardmax|softmax",
                       help: "softmax: the same weights marked softmax (their attention is uniform, so exact); certified as such."),
            OptionSpec(name: "--certificate", valueName: "CERT",
                       help: "Where to write the certificate (default: MODEL with .certificate.json)."),
            OptionSpec(name: "--failures-only", help: "Leave passing rows out of the certificate."),
            OptionSpec(name: "--jobs", valueName: "N", help: "Threads for verification (default: all cores)."),
        ] + LimitOptions.all,
        discussion: """
            The model is written first; then the verifier replays the written file and writes the
            certificate. When two sequences with the same tokens in proportion carry different labels,
            no permutation-invariant model separates them: construct writes no model, writes a
            certificate with verdict impossible, and exits 1. Data with per-token "labels" gets a model
            with readout pool every (SPEC section 12); two labelled positions with one context (the same
            prefix measure under --mask causal, the same token and sequence measure under --mask none)
            are refuted the same way.
            """)

    static let verify = CommandSpec(
        name: "verify",
        abstract: "Replay a model exactly on datasets and report which sequences it classifies.",
        arguments: [("MODEL", "A hardmax-transformer model file (SPEC sections 4, 10, 11)."),
                    ("DATA...", "Dataset files (.jsonl or UEA .ts), concatenated in order.")],
        minimumPositionals: 2, maximumPositionals: nil,
        options: [
            OptionSpec(name: "--certificate", valueName: "CERT", help: "Write a certificate of the verdict."),
            OptionSpec(name: "--failures-only", help: "Leave passing rows out of the certificate."),
            OptionSpec(name: "--junit", valueName: "FILE", help: "Write JUnit XML, one testcase per sequence."),
            OptionSpec(name: "--jobs", valueName: "N", help: "Threads to replay with (default: all cores)."),
            OptionSpec(name: "--plain", help: "Replay with the trusted kernel alone, no shortcut (slow)."),
            weights,
            OptionSpec(name: "--shard", valueName: "I/K",
                       help: "Verify only sequences j with j mod K = I - 1 and write a shard certificate (see merge)."),
        ] + LimitOptions.all,
        discussion: """
            Exit status: 0 every sequence passes, 1 some fail, 2 unusable input. With --shard I/K (and
            --certificate) the exit status and the certificate cover that shard's sequences; run every
            shard 1/K ... K/K (a job array) and combine the certificates with 'hardmax merge'.
            """)

    static let check = CommandSpec(
        name: "check",
        abstract: "Re-hash the files a certificate names, replay, and compare every recorded field.",
        arguments: [("CERT", "A hardmax certificate (SPEC section 5).")],
        minimumPositionals: 1, maximumPositionals: 1,
        options: [
            OptionSpec(name: "--require-pass", help: "Also fail when the certified verdict is not pass."),
            OptionSpec(name: "--plain", help: "Replay with the trusted kernel alone, no shortcut (slow)."),
            OptionSpec(name: "--jobs", valueName: "N", help: "Threads to replay with (default: all cores)."),
        ] + LimitOptions.all,
        discussion: """
            Exit status: 0 the certificate holds (whatever verdict it certifies, unless --require-pass),
            1 it does not (a file's hash or any recorded field differs), 2 unusable input.
            """)

    static let merge = CommandSpec(
        name: "merge",
        abstract: "Combine the shard certificates of a split verification into one certificate.",
        arguments: [("SHARD...", "The certificates written by 'hardmax verify --shard I/K', one per shard.")],
        minimumPositionals: 1, maximumPositionals: nil,
        options: [
            OptionSpec(name: "--output", short: "-o", valueName: "CERT", help: "Where to write the merged certificate (required)."),
        ],
        discussion: """
            The shards must be of one model, one dataset and one K, each shard 1/K ... K/K exactly once.
            The merged certificate is what an unsharded 'hardmax verify' writes: verdict, counts and min
            margin over every sequence, rows in index order; 'hardmax check' re-derives it by replaying
            everything. Exit status: 0 the merged verdict is pass, 1 it is fail, 2 the shards were refused.
            """)

    /// `--weights FILE` of verify and inspect.
    static let weights = OptionSpec(name: "--weights", valueName: "FILE", repeatable: true,
                                    help: "Tensors for a model's {\"tensor\": NAME} fields (.safetensors, .npy, .npz; repeatable).")

    static let inspect = CommandSpec(
        name: "inspect",
        abstract: "Show a model's layers, widths, ranks, blocks and parameter counts, or what a dataset holds.",
        arguments: [("FILE", "A hardmax-transformer model file, or a dataset file (.jsonl or UEA .ts).")],
        minimumPositionals: 1, maximumPositionals: 1,
        options: [
            weights,
        ] + LimitOptions.all,
        discussion: """
            Of a model: the embedding (vocabulary, table) and position table, each layer's widths and exact
            ranks, each head's score, k, k_v when factored, biases (which are non-zero) and scale, the
            readout (classes, or values and tolerance), blocks, parameters and non-zeros. Of a dataset:
            sequences, tokens, lengths, vector dimension or the symbols seen, and the labels (one per
            sequence, or per token with the labelled and null positions).
            """)

    static let demo = CommandSpec(
        name: "demo",
        abstract: "Construct and verify models for a built-in library data set, and report.",
        arguments: [],
        minimumPositionals: 0, maximumPositionals: 0,
        options: [
            OptionSpec(name: "--output", short: "-o", valueName: "DIR",
                       help: "Folder for the data, models and certificates (default: hardmax-demo)."),
            OptionSpec(name: "--sequences", valueName: "N", help: "Number of books (default 2000)."),
            OptionSpec(name: "--next-token", help: "Next-letter prediction over number words instead (per-token labels, causal)."),
            OptionSpec(name: "--jobs", valueName: "N", help: "Threads for verification (default: all cores)."),
        ] + LimitOptions.all)

    static let cluster = CommandSpec(
        name: "cluster",
        abstract: "Replay pure hardmax attention layers exactly and show tokens clustering around leaders.",
        arguments: [("DATA", "A dataset file (.jsonl or UEA .ts).")],
        minimumPositionals: 1, maximumPositionals: 1,
        options: [
            OptionSpec(name: "--alpha", valueName: "A", help: "Step size alpha > 0, exact (default 1)."),
            OptionSpec(name: "--matrix", valueName: "A.json", help: "Score matrix A, a JSON array of rows (d x d)."),
            OptionSpec(name: "--identity", help: "A = I (the default)."),
            OptionSpec(name: "--layers", valueName: "L", help: "Number of identical layers (default 30)."),
            OptionSpec(name: "--sequence", valueName: "J", help: "Explore sequence J only (default: every sequence)."),
            OptionSpec(name: "--axes", valueName: "I,J", help: "Coordinates drawn in the SVG (default 0,1; 1-D: layer vs 0)."),
            OptionSpec(name: "--model", valueName: "OUT.json", help: "Write the pure-attention model."),
            OptionSpec(name: "--svg", valueName: "OUT.svg", help: "Draw the trajectories of one sequence."),
            OptionSpec(name: "--json", valueName: "OUT.json", help: "Write the whole exact trajectory."),
        ] + LimitOptions.all,
        discussion: """
            Each layer is z_i <- (z_i + alpha mean_{j in C_i} z_j) / (1 + alpha) with
            C_i = argmax_j z_i^T A z_j, every maximiser counted (SPEC section 4: a bilinear head, residual
            1/(1+alpha), value alpha/(1+alpha) I). A leader is a token whose attention set is itself alone.
            """)

    static let convert = CommandSpec(
        name: "convert",
        abstract: "Resolve an architecture file's tensor references into a self-contained model file.",
        arguments: [("ARCH", "A model file whose matrices may be {\"tensor\": NAME, \"transpose\": true}.")],
        minimumPositionals: 1, maximumPositionals: 1,
        options: [
            OptionSpec(name: "--weights", valueName: "FILE", repeatable: true,
                       help: "Weight files (.safetensors, .npy, .npz); names must be unique across files."),
            OptionSpec(name: "--output", short: "-o", valueName: "MODEL", help: "Where to write the model (required)."),
        ],
        discussion: """
            Every stored float becomes the exact rational it denotes (no rounding); NaN and infinities are
            refused. The result verifies exactly as the architecture with --weights does.
            """)

    static let all: [CommandSpec] = [construct, verify, check, merge, inspect, demo, cluster, convert]

    static func named(_ name: String) -> CommandSpec? { all.first { $0.name == name } }
}

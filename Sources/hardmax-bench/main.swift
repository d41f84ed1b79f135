// hardmax-bench: release-build measurements against the anchors in ../shared/bench.
// Usage: hardmax-bench <arithmetic|read|jsonl|verify|construct|length|scale|softmax> [options]
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

let benchmarks: [(name: String, summary: String, run: ([String]) -> Int32)] = [
    ("arithmetic", "the nine exact rational workloads of rational_anchor.py", { runArithmeticBenchmark(arguments: $0) }) ,
    ("verify", "verify the third-party models in ../shared/models against pyreplay.py", { runVerifyBenchmark(arguments: $0) }),
    ("scale", "construct and verify demo-style sets up to N = 10^6", { runScaleBenchmark(arguments: $0) }),
    ("softmax", "replay the softmax encoder and Tracr models with enclosures against softreplay.py", { runSoftmaxBenchmark(arguments: $0) }),
    ("read", "read the six UEA files and both models (format speed)", runReadBenchmark),
    ("jsonl", "exact JSON Lines reading against CPython json.loads (anchors/json_anchor.py)", { runJSONLinesBenchmark(arguments: $0) }),
    ("construct", "construct + verify the demo set and JapaneseVowels; growth over N; per-token tables", { runConstructBenchmark(arguments: $0) }),
    ("length", "length independence: N = 1000 sequences of lengths up to 10 ... 10^4, model size and times", { runLengthBenchmark(arguments: $0) }),
]

func runReadBenchmark(_ arguments: [String]) -> Int32 {
    do {
        for line in try FormatBench.run() { print(line) }
        return 0
    } catch {
        fputs("hardmax-bench read: \(error)\n", stderr)
        return 2
    }
}

let arguments = Array(CommandLine.arguments.dropFirst())
guard let name = arguments.first, let benchmark = benchmarks.first(where: { $0.name == name }) else {
    var usage = "usage: hardmax-bench <benchmark> [options]\n\nbenchmarks:\n"
    for b in benchmarks { usage += "  \(b.name)  \(b.summary)\n" }
    fputs(usage, stderr)
    exit(arguments.isEmpty || arguments.first == "--help" ? 0 : 2)
}
exit(benchmark.run(Array(arguments.dropFirst())))

/// `hardmax-fuzz [--budget N] [--seed S] [--only T,...] [--time-limit-ms MS]`
/// `hardmax-fuzz --replay TARGET SEED INDEX [--dump FILE]`
struct FuzzArguments {
    var budget = 20_000
    var seed: UInt64 = 1
    var only: Set<String>?
    var timeLimitMilliseconds: UInt64 = 5000
    var replay: (target: String, seed: UInt64, index: Int)?
    var dump: String?
    var file: (target: String, path: String)?
    var corpus: String?
    var list = false

    static let usage = """
        USAGE: hardmax-fuzz [--budget N] [--seed S] [--only TARGET,...] [--time-limit-ms MS]
               hardmax-fuzz --replay TARGET SEED INDEX [--dump FILE]
               hardmax-fuzz --file TARGET FILE
               hardmax-fuzz --list
               hardmax-fuzz --corpus DIR

        Seeded, bounded fuzzing of every reader of hardmax (numbers, JSON, datasets, models, certificates,
        safetensors/.npy/.npz) in-process, and of whole command-line runs on mutated files.
          --budget N         inputs per reader (default 20000; the command line gets N/4)
          --seed S           the run's seed (default 1); input i of target T depends only on (S, T, i)
          --only T,...       run only these targets (see --list)
          --time-limit-ms MS an input slower than this fails (default 5000); one 3x slower ends the run
          --replay T S I     run input I of target T under seed S alone and describe it
          --dump FILE        with --replay: write the input's bytes to FILE
          --file T FILE      run the bytes of FILE through target T (its name picks the format)
          --corpus DIR       write every target's seeds under DIR/TARGET/ for libFuzzer
        Exit status: 0 every input ended in success or a clean error, 1 otherwise, 2 usage.

        Coverage-guided runs with libFuzzer (any length; a broken promise aborts with the input saved):
          swift build -c release --product hardmax-fuzz --build-path .build/libfuzzer \\
            -Xswiftc -sanitize=fuzzer -Xswiftc -parse-as-library -Xswiftc -DHARDMAX_LIBFUZZER
          swift run -c release hardmax-fuzz --corpus fuzz-corpus
          HARDMAX_FUZZ_TARGET=model .build/libfuzzer/release/hardmax-fuzz fuzz-corpus/model \\
            -max_total_time=600 -timeout=10 -rss_limit_mb=4096
        """

    init(_ arguments: [String]) throws {
        var rest = arguments[...]
        func value(_ option: String) throws -> String {
            guard let v = rest.popFirst() else { throw FuzzFailure("\(option) needs a value") }
            return v
        }
        func number<T: FixedWidthInteger>(_ option: String, _ text: String) throws -> T {
            guard let n = T(text), n >= 0 else { throw FuzzFailure("\(option) expects a whole number, got '\(text)'") }
            return n
        }
        while let option = rest.popFirst() {
            switch option {
            case "--budget": budget = try number(option, try value(option))
            case "--seed": seed = try number(option, try value(option))
            case "--only": only = Set(try value(option).split(separator: ",").map(String.init))
            case "--time-limit-ms": timeLimitMilliseconds = try number(option, try value(option))
            case "--replay":
                replay = (try value(option), try number(option, try value(option)), try number(option, try value(option)))
            case "--dump": dump = try value(option)
            case "--file": file = (try value(option), try value(option))
            case "--list": list = true
            case "--corpus": corpus = try value(option)
            case "-h", "--help": throw FuzzFailure("")
            default: throw FuzzFailure("unknown option '\(option)'")
            }
        }
    }
}

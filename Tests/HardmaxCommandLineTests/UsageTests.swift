import HardmaxCommandLine
import Testing

@Suite("Usage and help")
struct UsageTests {
    @Test func helpHasFixedSections() {
        let top = hardmax("--help")
        #expect(top.status == .pass)
        for section in ["OVERVIEW:", "USAGE:", "SUBCOMMANDS:", "OPTIONS:"] { #expect(top.out.contains(section)) }
        for command in ["construct", "verify", "check", "inspect", "demo"] { #expect(top.out.contains(command)) }
    }

    @Test func helpFormsAgree() {
        let a = hardmax("help", "verify"), b = hardmax("verify", "--help"), c = hardmax("verify", "-h")
        #expect(a.out == b.out && b.out == c.out)
        #expect(a.out.contains("USAGE: hardmax verify MODEL DATA..."))
        #expect(a.out.contains("--failures-only"))
    }

    @Test func noArgumentsShowsHelpAndExits2() {
        let run = hardmax([])
        #expect(run.status == .unusableInput)
        #expect(run.out.contains("USAGE:"))
    }

    @Test func unknownSubcommandSuggestsNearest() {
        let run = hardmax("verfy", "m.json", "d.jsonl")
        #expect(run.status == .unusableInput)
        #expect(run.err.contains("unknown subcommand 'verfy'; did you mean 'verify'?"))
        #expect(run.out.isEmpty)
    }

    @Test func unknownOptionSuggestsNearestAndPointsAtHelp() {
        let run = hardmax("verify", "m.json", "d.jsonl", "--certficate", "c.json")
        #expect(run.status == .unusableInput)
        #expect(run.err.contains("unknown option '--certficate'; did you mean '--certificate'?"))
        #expect(run.err.contains("hardmax help verify"))
    }

    @Test func missingPositionalsAndValues() {
        #expect(hardmax("verify", "m.json").err.contains("missing argument DATA..."))
        #expect(hardmax("check").err.contains("missing argument CERT"))
        #expect(hardmax("verify", "m.json", "d.jsonl", "--junit").err.contains("needs a value"))
        #expect(hardmax("construct", "d.jsonl").err.contains("missing -o MODEL"))
        #expect(hardmax("inspect", "a.json", "b.json").err.contains("unexpected argument 'b.json'"))
    }

    @Test func badOptionValues() {
        let jobs = hardmax("verify", "m.json", "d.jsonl", "--jobs", "zero")
        #expect(jobs.status == .unusableInput && jobs.err.contains("--jobs expects a whole number"))
        let strategy = hardmax("construct", "d.jsonl", "-o", "m.json", "--strategy", "wide")
        #expect(strategy.status == .unusableInput && strategy.err.contains("got 'wide'"))
        let twice = hardmax("construct", "d.jsonl", "-o", "m.json", "--output", "n.json")
        #expect(twice.err.contains("given twice"))
    }

    @Test func versionPrints() {
        #expect(hardmax("--version").out == "hardmax 0.1.0\n")
    }
}

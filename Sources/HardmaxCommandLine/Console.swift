#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where a command's output goes. The real console writes to stdout/stderr; tests capture text.
public struct Console {
    public var out: (String) -> Void
    public var err: (String) -> Void
    /// Progress is shown only when stderr is a terminal.
    public var showsProgress: Bool

    public init(out: @escaping (String) -> Void, err: @escaping (String) -> Void, showsProgress: Bool = false) {
        self.out = out
        self.err = err
        self.showsProgress = showsProgress
    }

    /// Standard output and standard error of this process.
    public static var standard: Console {
        Console(out: { text in fputs(text, stdout); fflush(stdout) },
                err: { text in fputs(text, stderr) },
                showsProgress: isatty(2) == 1)
    }

    func line(_ text: String = "") { out(text + "\n") }
}

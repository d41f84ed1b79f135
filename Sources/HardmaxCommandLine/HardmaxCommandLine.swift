#if canImport(Glibc)
import Glibc
#else
import Darwin
#endif

/// Entry point of the `hardmax` executable.
public enum HardmaxCommandLine {
    public static func main() {
        print("usage: hardmax <construct|verify|check|inspect|demo> ...  (work in progress)")
        exit(2)
    }
}

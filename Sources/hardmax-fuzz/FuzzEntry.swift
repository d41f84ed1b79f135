// The fuzzer's entry point; a libFuzzer build (-D HARDMAX_LIBFUZZER) uses LLVMFuzzerTestOneInput
// (LibFuzzerEntry.swift) and libFuzzer's own main instead.
#if !HARDMAX_LIBFUZZER
@main
enum FuzzEntry {
    static func main() { FuzzMain.run() }
}
#endif

#if os(Linux)
/// glibc's `malloc_trim` (in `malloc.h`, which Swift's Glibc module does not import).
@_silgen_name("malloc_trim")
private func glibcMallocTrim(_ pad: Int) -> Int32
#endif

/// Giving freed memory back to the system between the phases of a command.
enum FreedMemory {
    /// Returns the pages of freed heap blocks to the system, so that a phase after a large one starts
    /// from what is still in use (glibc keeps freed small blocks for reuse otherwise, and the peak of
    /// a later phase adds to them). Does nothing where there is no glibc.
    static func release() {
        #if os(Linux)
        _ = glibcMallocTrim(0)
        #endif
    }
}

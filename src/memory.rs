//! How the process keeps memory between checks.

/// Keeps the memory one check frees for the next, where the allocator is glibc's; elsewhere
/// (musl, macOS, Windows) it takes one block, never touched, gives it back and changes nothing.
///
/// A check of a long document takes megabytes and frees them all at its end. glibc gives the
/// free memory at the top of its heap back to the system once it is more than the *trim
/// threshold*, and the next check faults every page of it in again: on the megabyte of real
/// copy in a loop, about 2,000 page faults and 3–5 ms of a 25 ms check, and whether it happens
/// turns on the exact sizes and order of a check's blocks. Both thresholds follow the largest
/// block glibc mapped for itself and was given back (mallopt(3), `M_MMAP_THRESHOLD`): one block
/// of 31 MiB, taken and given back before any work, sets the mapping threshold to 31 MiB and
/// the trim threshold to twice that. Blocks under 31 MiB then come from the heap, and up to
/// 62 MiB freed at its top stay there for the next check.
///
/// It costs some memory: what the heap frees stays with the process, and blocks that came and
/// went as mappings of their own now share the heap. The language server's peak went from
/// 228 to 255 MB on a 10 MB document and by 1.5 MB on a story (BENCHMARKS.md).
///
/// The command line and the language server call it once, first thing; so does the benchmark,
/// to measure what they run.
pub fn keep_freed_memory() {
    // Under glibc's ceiling for the moving threshold (32 MiB on 64-bit systems), with room
    // for the block's header.
    const BLOCK: usize = 31 << 20;
    drop(std::hint::black_box(Vec::<u8>::with_capacity(BLOCK)));
}

//! The `laureate` binary: one command for the server and every operator task.

/// mimalloc rather than the system allocator: every request allocates and frees many small
/// objects on several threads, where glibc's allocator spends its time consolidating and locking
/// (`bench/web/run`, docs/PERFORMANCE.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    laureate::cli::main()
}

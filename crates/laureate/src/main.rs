//! The `laureate` binary: one command for the server and every operator task.

fn main() -> std::process::ExitCode {
    laureate::cli::main()
}

// Matching makes many small, short-lived vectors a sentence; mimalloc serves them
// faster than the system allocator (see ARCHITECTURE.md, "Dependencies").
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    std::process::exit(toolkit_cli::run(std::env::args_os()));
}

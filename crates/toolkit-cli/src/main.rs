fn main() {
    std::process::exit(toolkit_cli::run(std::env::args_os()));
}

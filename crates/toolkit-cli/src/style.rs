//! Terminal colour, decided in one place; every report still reads right without it.

use std::io::IsTerminal;

use toolkit_match::Status;

use crate::args::ColorChoice;

#[derive(Debug, Clone, Copy)]
pub struct Style {
    color: bool,
}

impl Style {
    /// Colour for `--color`: `auto` means stdout is a terminal, `NO_COLOR` is unset
    /// and `TERM` is not `dumb`.
    pub fn new(choice: ColorChoice) -> Style {
        let color = match choice {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => {
                std::io::stdout().is_terminal()
                    && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                    && std::env::var("TERM").map_or(true, |t| t != "dumb")
            }
        };
        Style { color }
    }

    fn paint(&self, code: &str, text: &str) -> String {
        if self.color {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    }

    pub fn bold(&self, text: &str) -> String {
        self.paint("1", text)
    }

    pub fn dim(&self, text: &str) -> String {
        self.paint("2", text)
    }

    pub fn warn(&self, text: &str) -> String {
        self.paint("33", text)
    }

    /// A fixed-width status badge: `✗ missing`, `~ listed`, `✓ demonstrated`.
    pub fn status(&self, status: Status) -> String {
        let (code, text) = match status {
            Status::Missing => ("31", "✗ missing     "),
            Status::Listed => ("33", "~ listed      "),
            Status::Demonstrated => ("32", "✓ demonstrated"),
        };
        self.paint(code, text)
    }
}

//! `--brand FILE`: a coach's organisation name, logo, accent colour and footer line.
//!
//! The brand file is TOML with four optional keys. It is read and checked once, before
//! any resume: an unknown key, a logo that cannot be read or is not a small PNG or
//! JPEG, or a colour that is not `#rrggbb` (or too pale to read on white paper) is
//! one error line naming the brand file.

use std::io::Read;
use std::path::Path;
use std::sync::Arc;

use serde::Deserialize;
use toolkit_pdf::{Logo, MAX_LOGO_BYTES};
use toolkit_sheet::BrandInfo;

use crate::input;

/// The largest brand file read: it holds four short lines.
const MAX_BRAND_BYTES: u64 = 64 * 1024;

/// The longest organisation name and footer line, in characters.
const MAX_NAME: usize = 80;
const MAX_FOOTER: usize = 160;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct BrandFile {
    name: Option<String>,
    logo: Option<String>,
    accent: Option<String>,
    footer: Option<String>,
}

/// A checked brand, ready for every sheet of a run.
#[derive(Debug, Clone, Default)]
pub struct Brand {
    pub name: String,
    pub footer: String,
    pub accent: Option<[u8; 3]>,
    pub logo: Option<Arc<Logo>>,
}

impl Brand {
    /// Reads and checks a brand file; errors name the file.
    pub fn load(path: &Path) -> Result<Brand, String> {
        let shown = path.display();
        let fail = |reason: String| format!("{shown}: {reason}");
        let text = read_limited(path, MAX_BRAND_BYTES)
            .map_err(|e| fail(format!("cannot read the brand file: {e}")))?;
        let text =
            String::from_utf8(text).map_err(|_| fail("the brand file is not UTF-8 text".into()))?;
        let file: BrandFile = toml::from_str(&text).map_err(|e| {
            fail(format!(
                "{} (a brand file has the keys `name`, `logo`, `accent` and `footer`)",
                e.message().trim_end_matches('.')
            ))
        })?;
        let name = one_line(file.name.as_deref(), "name", MAX_NAME).map_err(fail)?;
        let footer = one_line(file.footer.as_deref(), "footer", MAX_FOOTER).map_err(fail)?;
        let accent = file
            .accent
            .as_deref()
            .map(colour)
            .transpose()
            .map_err(fail)?;
        let logo = match file.logo.as_deref() {
            None => None,
            Some(rel) => {
                let at = path.parent().unwrap_or(Path::new("")).join(rel);
                let bytes = read_limited(&at, MAX_LOGO_BYTES as u64 + 1)
                    .map_err(|e| fail(format!("logo `{rel}`: cannot read it: {e}")))?;
                let logo =
                    Logo::from_bytes(&bytes).map_err(|e| fail(format!("logo `{rel}`: {e}")))?;
                Some(Arc::new(logo))
            }
        };
        Ok(Brand {
            name,
            footer,
            accent,
            logo,
        })
    }

    /// The footer line of every page: the organisation and its line.
    pub fn footer_line(&self) -> Option<String> {
        match (self.name.is_empty(), self.footer.is_empty()) {
            (true, true) => None,
            (false, true) => Some(self.name.clone()),
            (true, false) => Some(self.footer.clone()),
            (false, false) => Some(format!("{} · {}", self.name, self.footer)),
        }
    }

    /// What templates see of the brand.
    pub fn info(&self) -> BrandInfo {
        BrandInfo {
            name: self.name.clone(),
            footer: self.footer.clone(),
        }
    }
}

/// At most `limit` bytes of a file; a longer file is an error, not cut short.
fn read_limited(path: &Path, limit: u64) -> Result<Vec<u8>, String> {
    let file = std::fs::File::open(path).map_err(|e| input::io_reason(&e))?;
    if file.metadata().is_ok_and(|m| m.is_dir()) {
        return Err("it is a folder".into());
    }
    let mut bytes = Vec::new();
    file.take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| input::io_reason(&e))?;
    if bytes.len() as u64 > limit {
        return Err(format!("it is larger than {limit} bytes"));
    }
    Ok(bytes)
}

fn one_line(value: Option<&str>, key: &str, max: usize) -> Result<String, String> {
    let value = value.unwrap_or("").trim();
    if value.contains(['\n', '\r']) {
        return Err(format!("`{key}` must be one line"));
    }
    if value.chars().count() > max {
        return Err(format!("`{key}` is longer than {max} characters"));
    }
    Ok(value.to_string())
}

/// `#rrggbb`, dark enough to read on white paper (a contrast ratio of at least 3).
fn colour(text: &str) -> Result<[u8; 3], String> {
    let bad =
        || format!("`accent` must be a colour written `#rrggbb`, such as `#0f766e`, not `{text}`");
    let hex = text.strip_prefix('#').ok_or_else(bad)?;
    if hex.len() != 6 || !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(bad());
    }
    let byte = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).map_err(|_| bad());
    let rgb = [byte(0)?, byte(2)?, byte(4)?];
    let linear = |c: u8| {
        let c = f64::from(c) / 255.0;
        if c <= 0.039_28 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    let luminance = 0.2126 * linear(rgb[0]) + 0.7152 * linear(rgb[1]) + 0.0722 * linear(rgb[2]);
    if 1.05 / (luminance + 0.05) < 3.0 {
        return Err(format!(
            "`accent` {text} is too pale to read on white paper; choose a darker colour"
        ));
    }
    Ok(rgb)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colours() {
        assert_eq!(colour("#0F766e"), Ok([0x0f, 0x76, 0x6e]));
        assert!(colour("red").unwrap_err().contains("`#rrggbb`"));
        assert!(colour("#12345").is_err());
        assert!(colour("#12345g").is_err());
        assert!(colour("#ffee00").unwrap_err().contains("too pale"));
    }
}

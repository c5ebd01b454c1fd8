//! Bounds a template must keep before it is handed to handlebars.
//!
//! Handlebars parses and renders recursively: a partial that includes itself or
//! thousands of nested blocks overflow the stack and abort the process, and a few
//! nested `{{#each}}` over the model multiply its size. A template is scanned first
//! (sizes, nesting, which partial includes which) and refused with a one-line reason;
//! rendering then writes into a buffer of bounded size.

use std::collections::{BTreeMap, BTreeSet};
use std::io;

/// The largest template, in bytes (the built-in sheet template is about 2 KB).
pub const MAX_TEMPLATE_BYTES: usize = 256 * 1024;
/// The most `{{...}}` expressions in a template.
pub const MAX_EXPRESSIONS: usize = 2_000;
/// The deepest nesting of blocks (`{{#if}}`, `{{#each}}`, ...).
pub const MAX_DEPTH: usize = 32;
/// The deepest nesting of `{{#each}}` loops (the built-in templates use two).
pub const MAX_EACH_DEPTH: usize = 4;
/// The most markup a template may produce for one sheet or report.
pub const MAX_OUTPUT_BYTES: usize = 8 << 20;

/// Checks a template's size, nesting and partials.
pub(crate) fn check(template: &str) -> Result<(), String> {
    if template.len() > MAX_TEMPLATE_BYTES {
        return Err(format!(
            "the template is {} bytes, over the limit of {MAX_TEMPLATE_BYTES}",
            template.len()
        ));
    }
    let mut blocks: Vec<Block> = Vec::new();
    let mut each_depth = 0;
    // For each partial (or the top level, ""): the deepest `{{#each}}` nesting inside
    // it, and the partials it includes with the loops around each include (a partial
    // called inside a loop adds its own loops to the caller's).
    let mut loops: Loops = BTreeMap::new();
    let mut expressions = 0;
    for tag in Tags::new(template) {
        expressions += 1;
        if expressions > MAX_EXPRESSIONS {
            return Err(format!(
                "the template has more than {MAX_EXPRESSIONS} expressions"
            ));
        }
        let Some(first) = tag.chars().next() else {
            continue;
        };
        let rest = tag[first.len_utf8()..].trim_start();
        match first {
            '#' => {
                let block = if let Some(def) = rest.strip_prefix("*inline") {
                    Block::Inline(name_of(def))
                } else if let Some(call) = rest.strip_prefix('>') {
                    let name = partial_name(call)?;
                    include(&mut loops, &blocks, &name);
                    Block::Partial(name)
                } else if word(rest) == "each" {
                    each_depth += 1;
                    let (scope, depth) = scope_of(&blocks);
                    let own = &mut loops.entry(scope.to_string()).or_default().own;
                    *own = (*own).max(depth + 1);
                    Block::Each
                } else {
                    Block::Other
                };
                blocks.push(block);
                if blocks.len() > MAX_DEPTH {
                    return Err(format!(
                        "the template nests blocks more than {MAX_DEPTH} deep"
                    ));
                }
                if each_depth > MAX_EACH_DEPTH {
                    return Err(format!(
                        "the template nests `{{{{#each}}}}` more than {MAX_EACH_DEPTH} deep"
                    ));
                }
            }
            // `{{^if x}}` opens an inverted block; a bare `{{^}}` is an `else`.
            '^' if !rest.is_empty() => {
                blocks.push(Block::Other);
                if blocks.len() > MAX_DEPTH {
                    return Err(format!(
                        "the template nests blocks more than {MAX_DEPTH} deep"
                    ));
                }
            }
            '/' => {
                if let Some(Block::Each) = blocks.pop() {
                    each_depth -= 1;
                }
            }
            '>' => {
                let name = partial_name(rest)?;
                include(&mut loops, &blocks, &name);
            }
            _ => {}
        }
    }
    if let Some(name) = recursive(&loops) {
        return Err(format!(
            "the partial `{name}` includes itself: recursive partials are not supported"
        ));
    }
    if nested_loops("", &loops, &mut BTreeMap::new()) > MAX_EACH_DEPTH {
        return Err(format!(
            "the template nests `{{{{#each}}}}` more than {MAX_EACH_DEPTH} deep through its partials"
        ));
    }
    Ok(())
}

/// The loops of each partial (or the top level, "").
type Loops = BTreeMap<String, ScopeLoops>;

#[derive(Default)]
struct ScopeLoops {
    /// The deepest `{{#each}}` nesting written in the scope itself.
    own: usize,
    /// For each partial included: the most loops around one of its includes.
    calls: BTreeMap<String, usize>,
}

/// The deepest `{{#each}}` nesting that rendering `scope` can reach, partials
/// included (the includes have no cycle: [`recursive`] ran first).
fn nested_loops(scope: &str, loops: &Loops, memo: &mut BTreeMap<String, usize>) -> usize {
    if let Some(&depth) = memo.get(scope) {
        return depth;
    }
    let Some(l) = loops.get(scope) else {
        return 0;
    };
    let mut deepest = l.own;
    for (callee, around) in &l.calls {
        deepest = deepest.max(around + nested_loops(callee, loops, memo));
    }
    memo.insert(scope.to_string(), deepest);
    deepest
}

/// The innermost partial around the current position ("" at the top level) and how
/// many `{{#each}}` blocks are open inside it.
fn scope_of(blocks: &[Block]) -> (&str, usize) {
    let mut loops = 0;
    for b in blocks.iter().rev() {
        match b {
            Block::Inline(n) | Block::Partial(n) => return (n, loops),
            Block::Each => loops += 1,
            Block::Other => {}
        }
    }
    ("", loops)
}

/// An open block, as far as the bounds care.
enum Block {
    Each,
    /// `{{#*inline "name"}}`: a partial defined in the template.
    Inline(String),
    /// `{{#> name}}`: a partial block, whose content renders inside the partial.
    Partial(String),
    Other,
}

/// Records that the innermost partial around the current position includes `name`,
/// inside the loops open there.
fn include(loops: &mut Loops, blocks: &[Block], name: &str) {
    if name.starts_with('@') {
        // `{{> @partial-block}}` renders the caller's content, counted at the caller.
        return;
    }
    let (from, around) = scope_of(blocks);
    let calls = &mut loops.entry(from.to_string()).or_default().calls;
    let most = calls.entry(name.to_string()).or_default();
    *most = (*most).max(around);
}

/// A partial that can reach itself through its includes, if any.
fn recursive(loops: &Loops) -> Option<&str> {
    let includes = |scope: &str| {
        loops
            .get(scope)
            .into_iter()
            .flat_map(|l| l.calls.keys().map(String::as_str))
    };
    for start in loops.keys().filter(|k| !k.is_empty()) {
        let mut seen = BTreeSet::new();
        let mut stack: Vec<&str> = includes(start).collect();
        while let Some(next) = stack.pop() {
            if next == start {
                return Some(start);
            }
            if seen.insert(next) {
                stack.extend(includes(next));
            }
        }
    }
    None
}

/// The partial named by `{{> name ...}}`; a name computed at render time cannot be
/// checked, so it is refused.
fn partial_name(call: &str) -> Result<String, String> {
    let call = call.trim_start();
    if call.starts_with('(') {
        return Err("dynamic partial names (`{{> (...)}}`) are not supported".to_string());
    }
    Ok(name_of(call))
}

/// The first word of an expression, without quotes.
fn name_of(text: &str) -> String {
    let text = text.trim_start();
    match text.chars().next() {
        Some(q @ ('"' | '\'')) => text[1..].split(q).next().unwrap_or("").to_string(),
        _ => word(text).to_string(),
    }
}

fn word(text: &str) -> &str {
    text.split(|c: char| c.is_whitespace() || c == '}' || c == '~')
        .next()
        .unwrap_or("")
}

/// The insides of the `{{...}}` expressions of a template, without whitespace
/// control (`~`) or triple braces; comments, raw blocks and escaped `\{{` are
/// skipped.
struct Tags<'a> {
    rest: &'a str,
}

impl<'a> Tags<'a> {
    fn new(template: &'a str) -> Tags<'a> {
        Tags { rest: template }
    }
}

impl<'a> Iterator for Tags<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        loop {
            let start = self.rest.find("{{")?;
            let escaped = self.rest[..start].ends_with('\\');
            let after = &self.rest[start + 2..];
            if escaped {
                self.rest = after;
                continue;
            }
            if let Some(raw) = after.strip_prefix("{{") {
                // A raw block `{{{{raw}}}} ... {{{{/raw}}}}` is not parsed inside.
                let end = raw.find("{{{{/").map_or(raw.len(), |i| i + 5);
                self.rest = &raw[end..];
                continue;
            }
            if let Some(body) = after.strip_prefix("!--").or(after.strip_prefix("~!--")) {
                // A long comment ends at `--}}` and may hold `}}` before that.
                self.rest = &body[crate::parts::comment_end(body)?..];
                continue;
            }
            let Some(end) = after.find("}}") else {
                self.rest = "";
                return None;
            };
            let inside = &after[..end];
            self.rest = &after[end + 2..];
            let inside = inside
                .trim_start_matches(['~', '{'])
                .trim_end_matches(['~', '}'])
                .trim();
            if inside.starts_with('!') {
                continue;
            }
            return Some(inside);
        }
    }
}

/// A buffer that refuses to grow past [`MAX_OUTPUT_BYTES`].
#[derive(Default)]
pub(crate) struct Bounded(pub Vec<u8>);

impl io::Write for Bounded {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if self.0.len() + buf.len() > MAX_OUTPUT_BYTES {
            return Err(io::Error::other(format!(
                "the template produces more than {} MB",
                MAX_OUTPUT_BYTES >> 20
            )));
        }
        self.0.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_skip_comments_raw_blocks_and_escapes() {
        let t = "{{!-- a {{#if x}} --}}{{! c }}\\{{not}}{{{{raw}}}}{{#each}}{{{{/raw}}}}{{~#if a~}}{{{b}}}{{/if}}";
        assert_eq!(Tags::new(t).collect::<Vec<_>>(), ["#if a", "b", "/if"]);
    }

    #[test]
    fn the_built_in_templates_pass() {
        assert_eq!(check(crate::DEFAULT_SHEET_TEMPLATE), Ok(()));
        assert_eq!(check(crate::DEFAULT_COHORT_TEMPLATE), Ok(()));
    }

    #[test]
    fn hostile_templates_are_refused() {
        let recursive = r#"{{#*inline "a"}}x{{> a}}{{/inline}}{{> a}}"#;
        assert_eq!(
            check(recursive).unwrap_err(),
            "the partial `a` includes itself: recursive partials are not supported"
        );
        let mutual = r#"{{#*inline "a"}}{{> b}}{{/inline}}{{#*inline "b"}}{{> "a"}}{{/inline}}"#;
        assert!(check(mutual).unwrap_err().contains("includes itself"));
        assert!(check("{{#> a}}{{> a}}{{/a}}").is_err());
        assert!(
            check("{{> (lookup . \"x\")}}")
                .unwrap_err()
                .contains("dynamic")
        );
        let deep = "{{#if a}}".repeat(8000) + &"{{/if}}".repeat(8000);
        assert_eq!(
            check(&deep).unwrap_err(),
            "the template nests blocks more than 32 deep"
        );
        let loops = "{{#each questions}}".repeat(5) + &"{{/each}}".repeat(5);
        assert!(
            check(&loops)
                .unwrap_err()
                .contains("`{{#each}}` more than 4 deep")
        );
        assert!(
            check(&"{{x}}".repeat(3000))
                .unwrap_err()
                .contains("2000 expressions")
        );
        assert!(check(&"x".repeat(300_000)).unwrap_err().contains("bytes"));
        // A partial used twice, or included by two others, is not recursion.
        let ok = r#"{{#*inline "a"}}A{{/inline}}{{#*inline "b"}}{{> a}}{{> a}}{{/inline}}{{> b}}{{> a}}"#;
        assert_eq!(check(ok), Ok(()));
    }
}

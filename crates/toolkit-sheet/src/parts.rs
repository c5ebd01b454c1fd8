//! A long template compiled as several shorter ones.
//!
//! Handlebars works out the line and column of every element it compiles by counting
//! from the start of the template, so compiling takes time with the square of the
//! template's length: compiling the 4 KB sheet template was 29% of a `prep` run, and
//! a 260 KB template of comments took 17 s. A template is cut at line starts outside
//! every block into parts that are compiled one by one and rendered one after another
//! into the same output, which gives the same text: a cut changes no line, and
//! handlebars decides what a tag on its own line does from that line alone. A cut is
//! never made inside a tag, a comment or a raw block, next to a tag that trims the
//! whitespace around it (`{{~`, `~}}`), or in a template that defines or calls
//! partials (an inline partial belongs to its own template).

use std::ops::Range;

/// The parts of `template`, in order; one part when it cannot or need not be cut.
pub(crate) fn parts(template: &str) -> Vec<Range<usize>> {
    let whole = std::iter::once(0..template.len()).collect();
    let partials = ["{{>", "{{#>", "{{#*", "{{~>", "{{~#>", "{{~#*"];
    if partials.iter().any(|p| template.contains(p)) {
        return whole;
    }
    let mut cuts = Vec::new();
    let mut depth = 0usize;
    // Where the text since the last tag starts, and whether that tag trims after it.
    let mut text_from = 0;
    let mut trims_after = false;
    let mut at = 0;
    while let Some(open) = template[at..].find("{{").map(|i| at + i) {
        let escaped = template[..open].ends_with('\\');
        let Some(close) = tag_end(template, open) else {
            return whole;
        };
        if escaped {
            at = open + 2;
            continue;
        }
        let inside = &template[open + 2..close - 2];
        let trims_before = inside.starts_with('~');
        if depth == 0 && !trims_after && !trims_before {
            cuts.extend(line_starts(template, text_from..open));
        }
        let tag = inside.trim_start_matches(['~', '{']).trim_start();
        if inside.starts_with("{{") {
            // A raw block's text is part of it: nothing inside is cut.
        } else if tag.starts_with('#') {
            depth += 1;
        } else if tag.starts_with('/') {
            let Some(d) = depth.checked_sub(1) else {
                return whole;
            };
            depth = d;
        }
        trims_after = inside.ends_with('~') || inside.trim_end_matches('}').ends_with('~');
        text_from = close;
        at = close;
    }
    if depth == 0 && !trims_after {
        cuts.extend(line_starts(template, text_from..template.len()));
    }
    // Parts of 64 bytes to four kilobytes, growing with the square root of the
    // length: enough to take most of the square away, few enough that rendering them
    // one after another costs nothing (the model is serialised once for all of them).
    let target = template.len().isqrt().clamp(64, 4096);
    let mut out = Vec::new();
    let mut start = 0;
    for cut in cuts {
        if cut - start >= target && cut < template.len() {
            out.push(start..cut);
            start = cut;
        }
    }
    out.push(start..template.len());
    out
}

/// Where the tag opened at `open` ends (just after its last brace): a raw block
/// `{{{{raw}}}} ... {{{{/raw}}}}` and a comment `{{!-- ... --}}` end at their close.
fn tag_end(template: &str, open: usize) -> Option<usize> {
    let rest = &template[open..];
    if rest.starts_with("{{{{") {
        let body = rest.find("}}}}")? + 4;
        let close = rest[body..].find("{{{{/")? + body;
        return Some(open + close + rest[close..].find("}}}}")? + 4);
    }
    let after = &rest[2..];
    if let Some(body) = after.strip_prefix("!--").or(after.strip_prefix("~!--")) {
        let end = comment_end(body)?;
        return Some(open + (rest.len() - body.len()) + end);
    }
    Some(open + 2 + after.find("}}")? + 2 + usize::from(after.starts_with('{')))
}

/// Where a long comment's body ends, just after its `--}}` or `--~}}` (it may hold
/// `}}` before that): one pass, however many comments a template has.
pub(crate) fn comment_end(body: &str) -> Option<usize> {
    let mut from = 0;
    loop {
        let close = from + body[from..].find("}}")?;
        let before = &body[..close];
        if before.ends_with("--") || before.ends_with("--~") {
            return Some(close + 2);
        }
        from = close + 2;
    }
}

/// The starts of the lines in `range` of `text` (a cut there leaves every line whole).
fn line_starts(text: &str, range: Range<usize>) -> impl Iterator<Item = usize> + '_ {
    let start = range.start;
    text[range]
        .match_indices('\n')
        .map(move |(i, _)| start + i + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cut(template: &str) -> Vec<&str> {
        parts(template).into_iter().map(|r| &template[r]).collect()
    }

    #[test]
    fn cuts_only_between_blocks_at_line_starts() {
        let filler = "text\n".repeat(60);
        let t = format!(
            "# {{{{title}}}}\n{filler}\n{{{{#if a}}}}\n{filler}\nin the block\n{{{{/if}}}}\n{filler}\nend\n"
        );
        let got = cut(&t);
        assert_eq!(got.concat(), t);
        assert!(got.len() >= 2, "{got:?}");
        for part in &got {
            assert_eq!(part.matches("{{#if").count(), part.matches("{{/if").count());
        }
        // Never in the whitespace a tag trims, or with partials.
        let t = format!("{filler}\n{{{{~title}}}}\n{filler}");
        assert!(cut(&t)[0].contains("{{~title}}"));
        let t = format!("{filler}\n{{{{title~}}}}\n{filler}");
        let got = cut(&t);
        let at = got.iter().position(|p| p.contains("{{title~}}")).unwrap();
        assert!(!got[at].ends_with("{{title~}}\n"));
        let t = format!("{filler}\n{{{{> row}}}}\n\n{filler}");
        assert_eq!(cut(&t).len(), 1);
        // Not inside a comment or a raw block.
        let t = format!("{{{{!-- {filler}\n\n{filler} --}}}}x");
        assert_eq!(cut(&t).len(), 1);
        let t = format!("{{{{{{{{raw}}}}}}}}{filler}\n\n{filler}{{{{{{{{/raw}}}}}}}}");
        assert_eq!(cut(&t).len(), 1);
    }

    /// A long template of comments (hostile case 21d) is cut between them, into parts
    /// of a few kilobytes.
    #[test]
    fn a_long_template_is_cut_into_small_parts() {
        let t = "{{!-- c --}}\n".repeat(20_000) + "# {{candidate}}\n";
        let got = cut(&t);
        assert_eq!(got.concat(), t);
        assert!(got.len() > 50 && got.iter().all(|p| p.len() <= 4096 + 13));
    }

    #[test]
    fn a_long_comment_ends_at_its_own_close() {
        assert_eq!(comment_end(" a {{x}} b --}} rest"), Some(15));
        assert_eq!(comment_end(" a --~}}"), Some(8));
        assert_eq!(comment_end(" never closed }}"), None);
    }
}

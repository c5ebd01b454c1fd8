//! Inline text: tokens, greedy wrapping, face routing and drawing runs.

use super::*;

impl Layout<'_> {
    /// The face drawing `c`, with a warning (once per character) and `?` when
    /// no embedded face has it.
    pub(super) fn route(&mut self, c: char, style: Style) -> (char, FaceId) {
        match self.fonts.face_for(c, style) {
            Some(face) => (c, face),
            None => {
                if !self.missing.contains(&c) {
                    self.missing.push(c);
                    self.warnings.push(format!(
                        "no glyph for U+{:04X} '{c}': drawn as '?'",
                        c as u32
                    ));
                }
                (
                    '?',
                    self.fonts.face_for('?', style).unwrap_or(FaceId::Regular),
                )
            }
        }
    }

    pub(super) fn text_width(&mut self, text: &str, style: Style, size: f32) -> f32 {
        text.chars()
            .map(|c| {
                let (c, face) = self.route(c, style);
                self.fonts.width(face, c, size)
            })
            .sum()
    }

    pub(super) fn badge_size(size: f32) -> (f32, f32) {
        // Label size and horizontal padding: capitals at three quarters of the
        // text size stay legible in print.
        (size * 0.78, size * 0.45)
    }

    /// Splits spans into tokens: words break at spaces and around CJK characters.
    pub(super) fn tokens(&mut self, spans: &[Span], text: TextStyle) -> Vec<Token> {
        let mut out: Vec<Token> = Vec::new();
        let mut word: Vec<(Style, String)> = Vec::new();
        let mut pending_space: Option<Style> = None;
        let flush = |this: &mut Self,
                     word: &mut Vec<(Style, String)>,
                     out: &mut Vec<Token>,
                     space: &mut Option<Style>| {
            if word.is_empty() {
                return;
            }
            let width = word
                .iter()
                .map(|(style, s)| this.text_width(s, *style, text.size))
                .sum();
            let space = space
                .take()
                .map(|style| (style, this.text_width(" ", style, text.size)));
            out.push(Token {
                atom: Atom::Word {
                    segs: std::mem::take(word),
                    width,
                },
                space,
            });
        };
        for span in spans {
            let (style, s) = match span {
                Span::Text(s) => (text.base, s.as_str()),
                Span::Bold(s) => (Style::Bold, s.as_str()),
                Span::Italic(s) => (
                    if text.base == Style::Bold {
                        Style::Bold
                    } else {
                        Style::Italic
                    },
                    s.as_str(),
                ),
                Span::Badge(badge) => {
                    flush(self, &mut word, &mut out, &mut pending_space);
                    let (label_size, pad) = Self::badge_size(text.size);
                    let width = self.text_width(badge.label(), Style::Bold, label_size) + 2.0 * pad;
                    let space = pending_space
                        .take()
                        .map(|st| (st, self.text_width(" ", st, text.size)));
                    out.push(Token {
                        atom: Atom::Badge {
                            badge: *badge,
                            width,
                        },
                        space,
                    });
                    continue;
                }
            };
            for c in s.chars() {
                if c == ' ' {
                    flush(self, &mut word, &mut out, &mut pending_space);
                    if !out.is_empty() {
                        pending_space = Some(style);
                    }
                    continue;
                }
                let cjk = is_cjk(c);
                if cjk {
                    flush(self, &mut word, &mut out, &mut pending_space);
                }
                match word.last_mut() {
                    Some((st, w)) if *st == style => w.push(c),
                    _ => word.push((style, c.to_string())),
                }
                if cjk {
                    flush(self, &mut word, &mut out, &mut pending_space);
                }
            }
        }
        flush(self, &mut word, &mut out, &mut pending_space);
        out
    }

    /// Greedy word wrap; a token wider than the line is broken between characters.
    pub(super) fn wrap(&mut self, tokens: Vec<Token>, max: f32, size: f32) -> Vec<TextLine> {
        let mut lines = vec![TextLine::default()];
        for token in tokens {
            let line = lines.last_mut().expect("one line");
            let space = if line.tokens.is_empty() {
                0.0
            } else {
                token.space.map_or(0.0, |(_, w)| w)
            };
            if line.width + space + token.width() <= max + 0.01 {
                line.tokens
                    .push((line.width + space, token.clone(), space > 0.0));
                line.width += space + token.width();
                continue;
            }
            if token.width() <= max {
                lines.push(TextLine {
                    width: token.width(),
                    tokens: vec![(0.0, token, false)],
                });
                continue;
            }
            // Too wide for any line: break between characters.
            let Atom::Word { segs, .. } = token.atom else {
                // A badge wider than the line is drawn anyway.
                lines.push(TextLine {
                    width: token.width(),
                    tokens: vec![(0.0, token, false)],
                });
                continue;
            };
            // Fill the rest of the current line first, as a browser does with
            // `word-break: break-all`.
            let current = lines.last().expect("one line");
            let (mut offset, mut space) = if current.tokens.is_empty() {
                (0.0, None)
            } else {
                (
                    current.width + token.space.map_or(0.0, |(_, w)| w),
                    token.space,
                )
            };
            let mut piece: Vec<(Style, String)> = Vec::new();
            let mut width = 0.0;
            let push = |lines: &mut Vec<TextLine>, segs, offset: f32, width: f32, space| {
                let line = lines.last_mut().expect("one line");
                line.tokens.push((
                    offset,
                    Token {
                        atom: Atom::Word { segs, width },
                        space,
                    },
                    space.is_some(),
                ));
                line.width = offset + width;
            };
            for (style, s) in segs {
                for c in s.chars() {
                    let w = self.text_width(c.encode_utf8(&mut [0; 4]), style, size);
                    if offset + width + w > max && (width > 0.0 || offset > 0.0) {
                        if width > 0.0 {
                            push(&mut lines, std::mem::take(&mut piece), offset, width, space);
                        }
                        lines.push(TextLine::default());
                        (offset, width, space) = (0.0, 0.0, None);
                    }
                    match piece.last_mut() {
                        Some((st, p)) if *st == style => p.push(c),
                        _ => piece.push((style, c.to_string())),
                    }
                    width += w;
                }
            }
            push(&mut lines, piece, offset, width, space);
        }
        lines
    }

    /// Draws one line of tokens with its top at `top` and left edge at `x`.
    ///
    /// Words and the spaces between them are merged into as few text runs as
    /// the faces allow; spaces are drawn, not skipped, so text extraction keeps them.
    pub(super) fn draw_line(
        &mut self,
        line: &TextLine,
        x: f32,
        top: f32,
        text: TextStyle,
        out: &mut Vec<Draw>,
    ) {
        // Baseline placed so cap height sits centred in the leading.
        let baseline = top + (text.leading + text.size * 0.7) / 2.0;
        let mut pieces: Vec<(Style, String)> = Vec::new();
        let mut start = x;
        let flush = |this: &mut Self,
                     pieces: &mut Vec<(Style, String)>,
                     start: f32,
                     out: &mut Vec<Draw>| {
            let mut pen = start;
            for (style, s) in pieces.drain(..) {
                pen = this.runs(&s, style, pen, baseline, text, out);
            }
        };
        let push =
            |pieces: &mut Vec<(Style, String)>, style: Style, s: &str| match pieces.last_mut() {
                Some((st, p)) if *st == style => p.push_str(s),
                _ => pieces.push((style, s.to_owned())),
            };
        for (dx, token, spaced) in &line.tokens {
            let space = token.space.filter(|_| *spaced);
            match &token.atom {
                Atom::Word { segs, .. } => {
                    if pieces.is_empty() {
                        start = x + dx - space.map_or(0.0, |(_, w)| w);
                    }
                    if let Some((style, _)) = space {
                        push(&mut pieces, style, " ");
                    }
                    for (style, s) in segs {
                        push(&mut pieces, *style, s);
                    }
                }
                Atom::Badge { badge, width } => {
                    flush(self, &mut pieces, start, out);
                    self.pill(*badge, x + dx, *width, baseline, text.size, out);
                }
            }
        }
        flush(self, &mut pieces, start, out);
    }

    /// Draws `s` as runs of one face each; returns the pen position after it.
    pub(super) fn runs(
        &mut self,
        s: &str,
        style: Style,
        x: f32,
        baseline: f32,
        text: TextStyle,
        out: &mut Vec<Draw>,
    ) -> f32 {
        let mut pen = x;
        let mut run = String::new();
        let mut run_face = None;
        let mut run_x = x;
        let emit = |out: &mut Vec<Draw>, face: Option<FaceId>, x: f32, run: String| {
            if let Some(face) = face {
                out.push(Draw::Text {
                    x,
                    baseline,
                    size: text.size,
                    face,
                    color: text.color,
                    text: run,
                });
            }
        };
        for c in s.chars() {
            let (c, face) = self.route(c, style);
            if run_face != Some(face) {
                emit(out, run_face, run_x, std::mem::take(&mut run));
                run_face = Some(face);
                run_x = pen;
            }
            run.push(c);
            pen += self.fonts.width(face, c, text.size);
        }
        emit(out, run_face, run_x, run);
        pen
    }

    /// A rounded status pill whose text shares the baseline of the line.
    pub(super) fn pill(
        &mut self,
        badge: Badge,
        x: f32,
        width: f32,
        baseline: f32,
        size: f32,
        out: &mut Vec<Draw>,
    ) {
        let (label_size, pad) = Self::badge_size(size);
        let (bg, fg) = badge_colors(badge);
        let h = size * 1.2;
        let top = baseline - size * 0.35 - h / 2.0;
        out.push(Draw::Fill {
            x,
            top,
            w: width,
            h,
            radius: h / 2.0,
            color: bg,
        });
        let label_base = top + h / 2.0 + label_size * 0.36;
        let label = TextStyle {
            size: label_size,
            leading: label_size,
            color: fg,
            base: Style::Bold,
        };
        self.runs(badge.label(), Style::Bold, x + pad, label_base, label, out);
    }

    /// Lays out inline content as one unit per line.
    pub(super) fn text_units(
        &mut self,
        spans: &[Span],
        text: TextStyle,
        x: f32,
        width: f32,
    ) -> Vec<Unit> {
        let tokens = self.tokens(spans, text);
        let lines = self.wrap(tokens, width, text.size);
        let n = lines.len();
        lines
            .iter()
            .enumerate()
            .map(|(i, line)| {
                let mut items = Vec::new();
                self.draw_line(line, x, 0.0, text, &mut items);
                Unit {
                    height: text.leading,
                    // No single first or last line of a paragraph alone on a page.
                    keep: usize::from(n >= 2 && (i == 0 || i + 2 == n)),
                    items,
                    ..Unit::default()
                }
            })
            .collect()
    }

    pub(super) fn body(&self) -> TextStyle {
        TextStyle {
            size: BODY_SIZE,
            leading: BODY_LEADING,
            color: INK,
            base: Style::Regular,
        }
    }

    /// `text`, shortened with an ellipsis to fit `room` points.
    pub(super) fn truncate(&mut self, text: &str, room: f32, size: f32) -> String {
        if self.text_width(text, Style::Regular, size) <= room {
            return text.to_owned();
        }
        let mut out = String::new();
        let mut width = self.text_width("…", Style::Regular, size);
        for c in text.chars() {
            width += self.text_width(c.encode_utf8(&mut [0; 4]), Style::Regular, size);
            if width > room {
                break;
            }
            out.push(c);
        }
        out.truncate(out.trim_end().len());
        out.push('…');
        out
    }
}

//! Block layouts: headings, lists, quotes, rules, boxes, ruled lines and the footer.

use super::*;

impl Layout<'_> {
    pub(super) fn heading(&mut self, level: u8, spans: &[Span], first: bool) -> Vec<Unit> {
        let x = self.x0;
        let width = self.width;
        let (text, space) = match level {
            1 => (
                TextStyle {
                    size: 17.0,
                    leading: 21.0,
                    color: INK_STRONG,
                    base: Style::Bold,
                },
                18.0,
            ),
            2 => (
                TextStyle {
                    size: 11.5,
                    leading: 15.0,
                    color: self.accent,
                    base: Style::Bold,
                },
                10.0,
            ),
            _ => (
                TextStyle {
                    size: 9.5,
                    leading: 12.0,
                    color: INK_STRONG,
                    base: Style::Bold,
                },
                6.5,
            ),
        };
        // The logo sits at the right of the first title, which wraps beside it.
        let logo = if level == 1 { self.logo.take() } else { None };
        let room = logo.map_or(width, |(w, _)| width - w - 12.0);
        let mut units = self.text_units(spans, text, x, room);
        if let Some((w, h)) = logo {
            let first = &mut units[0];
            first.items.push(Draw::Image {
                x: x + width - w,
                top: 0.0,
                w,
                h,
            });
            first.height = first.height.max(h);
        }
        for u in &mut units {
            // A heading keeps the first two lines of what follows.
            u.keep = 2;
        }
        units[0].space_before = if first { 0.0 } else { space };
        let last = units.last_mut().expect("a heading has a line");
        match level {
            1 => {
                last.items.push(Draw::Fill {
                    x,
                    top: last.height + 3.0,
                    w: 36.0,
                    h: 3.0,
                    radius: 1.5,
                    color: self.accent,
                });
                last.height += 12.0;
            }
            2 => {
                last.items.push(Draw::Line {
                    x1: x,
                    y1: last.height + 2.0,
                    x2: x + width,
                    y2: last.height + 2.0,
                    width: 0.6,
                    color: HAIRLINE,
                });
                last.height += 4.0;
            }
            _ => {}
        }
        units
    }

    pub(super) fn list(&mut self, items: &[toolkit_markup::Item]) -> Vec<Unit> {
        let x = self.x0;
        let indent = 13.0;
        let body = self.body();
        let mut units = Vec::new();
        for (n, item) in items.iter().enumerate() {
            let mut lines = self.text_units(&item.spans, body, x + indent, self.width - indent);
            if lines.is_empty() {
                lines.push(Unit {
                    height: body.leading,
                    ..Unit::default()
                });
            }
            let first = &mut lines[0];
            let mid = body.leading / 2.0;
            if item.checkbox {
                let side = 8.0;
                first.items.push(Draw::Stroke {
                    x: x + 2.0,
                    top: mid - side / 2.0 + 0.5,
                    w: side,
                    h: side,
                    width: 0.8,
                    color: CHECKBOX,
                });
            } else {
                first.items.push(Draw::Fill {
                    x: x + 3.0,
                    top: mid - 1.6 + 0.3,
                    w: 3.2,
                    h: 3.2,
                    radius: 1.6,
                    color: self.accent,
                });
            }
            first.space_before = if n == 0 { 3.0 } else { 0.6 };
            units.extend(lines);
        }
        units
    }

    pub(super) fn quote(&mut self, spans: &[Span]) -> Vec<Unit> {
        let x = self.x0;
        let pad_y = 3.5;
        let text = TextStyle {
            size: 9.0,
            leading: 12.0,
            color: QUOTE_INK,
            base: Style::Italic,
        };
        let width = self.width;
        let mut units = self.text_units(spans, text, x + 14.0, width - 24.0);
        let n = units.len();
        for (i, u) in units.iter_mut().enumerate() {
            // Each line paints its own slice of the box, so a quote split
            // across pages still looks whole on both.
            let top_pad = if i == 0 { pad_y } else { 0.0 };
            let bottom_pad = if i + 1 == n { pad_y } else { 0.0 };
            u.items = u.items.iter().map(|d| d.shifted(0.0, top_pad)).collect();
            u.height += top_pad + bottom_pad;
            u.items.insert(
                0,
                Draw::Fill {
                    x,
                    top: 0.0,
                    w: width,
                    h: u.height,
                    radius: 0.0,
                    color: QUOTE_BG,
                },
            );
            u.items.insert(
                1,
                Draw::Fill {
                    x,
                    top: 0.0,
                    w: 2.5,
                    h: u.height,
                    radius: 0.0,
                    color: self.accent_soft,
                },
            );
        }
        if let Some(u) = units.first_mut() {
            u.space_before = 4.0;
        }
        units
    }

    /// A framed box around blocks, made one unit so it is never split. A box
    /// taller than a page is left in pieces, unframed, rather than cut off.
    pub(super) fn boxed(&mut self, blocks: &[Block]) -> Vec<Unit> {
        let (pad, bar) = (5.0, 3.0);
        let (x0, width) = (self.x0, self.width);
        self.x0 = x0 + bar + pad;
        self.width = width - bar - 2.0 * pad;
        let inner = self.blocks(blocks, true);
        (self.x0, self.width) = (x0, width);
        let mut y = pad - 1.0;
        let mut items = Vec::new();
        for (i, u) in inner.iter().enumerate() {
            if i > 0 {
                y += u.space_before;
            }
            items.extend(u.items.iter().map(|d| d.shifted(0.0, y)));
            y += u.height;
        }
        let height = y + pad;
        if height > self.geo.content_height() {
            return inner;
        }
        let mut frame = vec![
            Draw::Stroke {
                x: x0,
                top: 0.0,
                w: width,
                h: height,
                width: 0.8,
                color: BOX_EDGE,
            },
            Draw::Fill {
                x: x0,
                top: 0.0,
                w: bar,
                h: height,
                radius: 0.0,
                color: self.accent,
            },
        ];
        frame.extend(items);
        vec![Unit {
            height,
            space_before: 6.0,
            items: frame,
            whole: true,
            ..Unit::default()
        }]
    }

    /// Ruled lines to write on: each label in a column on the left, its line
    /// running to the right edge, at least [`WRITING_ROW`] apart.
    pub(super) fn ruled_lines(&mut self, labels: &[Vec<Span>]) -> Vec<Unit> {
        let (x, width) = (self.x0, self.width);
        let body = TextStyle {
            color: QUOTE_INK,
            ..self.body()
        };
        // The label column is as wide as the longest label, up to half the width.
        let widest = labels
            .iter()
            .map(|label| {
                let tokens = self.tokens(label, body);
                tokens
                    .iter()
                    .enumerate()
                    .map(|(i, t)| {
                        t.width()
                            + if i > 0 {
                                t.space.map_or(0.0, |s| s.1)
                            } else {
                                0.0
                            }
                    })
                    .sum::<f32>()
            })
            .fold(0.0, f32::max);
        let label_w = if widest == 0.0 {
            0.0
        } else {
            // One width for every box of a sheet, unless a label needs more.
            (widest + 10.0).max(width * 0.42).min(width * 0.5)
        };
        let n = labels.len();
        let mut units = Vec::with_capacity(n);
        for (i, label) in labels.iter().enumerate() {
            let mut items = Vec::new();
            let tokens = self.tokens(label, body);
            let lines = self.wrap(tokens, (label_w - 6.0).max(1.0), body.size);
            let text_h = if label.is_empty() {
                0.0
            } else {
                lines.len() as f32 * body.leading
            };
            let height = (text_h + 4.0).max(WRITING_ROW);
            // The label's last line sits on the rule, as on a form.
            let first_top = height - 2.0 - text_h;
            if !label.is_empty() {
                for (k, line) in lines.iter().enumerate() {
                    self.draw_line(
                        line,
                        x,
                        first_top + k as f32 * body.leading,
                        body,
                        &mut items,
                    );
                }
            }
            items.push(Draw::Line {
                x1: x + label_w,
                y1: height - 0.5,
                x2: x + width,
                y2: height - 0.5,
                width: 0.6,
                color: WRITING_RULE,
            });
            units.push(Unit {
                height,
                space_before: if i == 0 { 4.0 } else { 0.0 },
                // The rows of one block stay together.
                keep: n - 1 - i,
                items,
                ..Unit::default()
            });
        }
        units
    }

    pub(super) fn rule(&self) -> Unit {
        let x = self.x0;
        Unit {
            height: 8.0,
            space_before: 8.0,
            items: vec![Draw::Line {
                x1: x,
                y1: 4.0,
                x2: x + self.width,
                y2: 4.0,
                width: 0.6,
                color: RULE,
            }],
            ..Unit::default()
        }
    }

    pub(super) fn footer(&mut self, title: &str, page: usize, pages: usize) -> Vec<Draw> {
        let g = self.geo;
        let y = g.height - 36.0;
        let size = 8.0;
        let text = TextStyle {
            size,
            leading: size,
            color: MUTED,
            base: Style::Regular,
        };
        let mut out = vec![Draw::Line {
            x1: g.margin_x,
            y1: y,
            x2: g.width - g.margin_x,
            y2: y,
            width: 0.5,
            color: HAIRLINE,
        }];
        let number = format!("Page {page} of {pages}");
        let number_w = self.text_width(&number, Style::Regular, size);
        let room = g.content_width() - number_w - 24.0;
        let title = self.truncate(title, room, size);
        self.runs(&title, Style::Regular, g.margin_x, y + 13.0, text, &mut out);
        self.runs(
            &number,
            Style::Regular,
            g.width - g.margin_x - number_w,
            y + 13.0,
            text,
            &mut out,
        );
        out
    }
}

//! Tables: measured columns, badge cells, and a header repeated after a page break.

use super::*;

impl Layout<'_> {
    pub(super) fn table(&mut self, header: &[Vec<Span>], rows: &[Vec<Vec<Span>>]) -> Vec<Unit> {
        let ncols = header.len();
        let (size, pad_x) = match ncols {
            0..=5 => (9.0, 5.0),
            6..=9 => (8.0, 4.0),
            _ => (7.0, 2.5),
        };
        let pad_y = 3.5;
        let leading = size * 1.38;
        let head_style = TextStyle {
            // Client names over narrow badge columns need every point.
            size: if ncols > 9 { size - 0.5 } else { size },
            leading,
            color: INK_STRONG,
            base: Style::Bold,
        };
        let body_style = TextStyle {
            size,
            leading,
            color: INK,
            base: Style::Regular,
        };
        let only_badge = |cell: &[Span]| match cell {
            [Span::Badge(b)] => Some(*b),
            _ => None,
        };
        // Badge cells are wider than pills, so their labels can be larger.
        let label_size = size * 0.8;
        // Measure every cell: natural (one line) and minimum (longest word) widths.
        let mut natural = vec![0.0f32; ncols];
        let mut minimum = vec![0.0f32; ncols];
        let mut head_min = vec![0.0f32; ncols];
        let mut badge_col = vec![!rows.is_empty(); ncols];
        let all_rows = std::iter::once((header, head_style))
            .chain(rows.iter().map(|r| (r.as_slice(), body_style)));
        let mut tokens: Vec<Vec<Vec<Token>>> = Vec::new();
        for (r, (row, style)) in all_rows.enumerate() {
            let mut row_tokens = Vec::new();
            for (c, cell) in row.iter().enumerate() {
                if r > 0 && only_badge(cell).is_none() && !cell.is_empty() {
                    badge_col[c] = false;
                }
                let toks = if r > 0 && only_badge(cell).is_some() {
                    Vec::new()
                } else {
                    self.tokens(cell, style)
                };
                let line: f32 = toks
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
                    .sum();
                let longest = toks.iter().map(Token::width).fold(0.0, f32::max);
                natural[c] = natural[c].max(line + 2.0 * pad_x);
                let min = if r == 0 { &mut head_min } else { &mut minimum };
                min[c] = min[c].max(longest.min(80.0) + 2.0 * pad_x);
                if let (true, Some(b)) = (r > 0, only_badge(cell)) {
                    let w = self.text_width(short_label(b), Style::Bold, label_size) + 2.0 * pad_x;
                    natural[c] = natural[c]
                        .max(self.text_width(b.label(), Style::Bold, label_size) + 2.0 * pad_x);
                    minimum[c] = minimum[c].max(w);
                }
                row_tokens.push(toks);
            }
            tokens.push(row_tokens);
        }
        // A header over a badge column may shrink instead of widening it.
        for c in 0..ncols {
            if !badge_col[c] {
                minimum[c] = minimum[c].max(head_min[c]);
            }
        }
        let widths = column_widths(&natural, &minimum, &badge_col, self.width);
        let mut head_styles = vec![head_style; ncols];
        for c in 0..ncols {
            let longest = tokens[0][c].iter().map(Token::width).fold(0.0, f32::max);
            let room = widths[c] - 2.0 * pad_x;
            if longest > room {
                head_styles[c].size = (head_style.size * room / longest).max(5.0);
                tokens[0][c] = self.tokens(&header[c], head_styles[c]);
            }
        }

        let x0 = self.x0;
        let total: f32 = widths.iter().sum();
        let make_row = |this: &mut Self, r: usize, cells: &[Vec<Span>]| -> Unit {
            let style = |c: usize| if r == 0 { head_styles[c] } else { body_style };
            let mut wrapped = Vec::new();
            let mut lines_max = 1;
            for (c, toks) in tokens[r].iter().enumerate() {
                let lines = this.wrap(toks.clone(), widths[c] - 2.0 * pad_x, style(c).size);
                lines_max = lines_max.max(lines.len());
                wrapped.push(lines);
            }
            let height = lines_max as f32 * leading + 2.0 * pad_y;
            let mut items = Vec::new();
            if r == 0 {
                items.push(Draw::Fill {
                    x: x0,
                    top: 0.0,
                    w: total,
                    h: height,
                    radius: 0.0,
                    color: HEADER_BG,
                });
            }
            let mut x = x0;
            for (c, lines) in wrapped.iter().enumerate() {
                let w = widths[c];
                match (r > 0).then(|| only_badge(&cells[c])).flatten() {
                    Some(b) => {
                        let (bg, fg) = badge_colors(b);
                        items.push(Draw::Fill {
                            x: x + 1.0,
                            top: 1.0,
                            w: w - 2.0,
                            h: height - 2.0,
                            radius: 1.5,
                            color: bg,
                        });
                        let room = w - 2.0 * pad_x.min(3.0);
                        let label = [b.label(), short_label(b)]
                            .into_iter()
                            .find(|l| this.text_width(l, Style::Bold, label_size) <= room);
                        if let Some(label) = label {
                            let lw = this.text_width(label, Style::Bold, label_size);
                            let st = TextStyle {
                                size: label_size,
                                leading: label_size,
                                color: fg,
                                base: Style::Bold,
                            };
                            this.runs(
                                label,
                                Style::Bold,
                                x + (w - lw) / 2.0,
                                height / 2.0 + label_size * 0.36,
                                st,
                                &mut items,
                            );
                        }
                    }
                    None => {
                        for (i, line) in lines.iter().enumerate() {
                            this.draw_line(
                                line,
                                x + pad_x,
                                pad_y + i as f32 * leading,
                                style(c),
                                &mut items,
                            );
                        }
                    }
                }
                x += w;
            }
            items.push(Draw::Line {
                x1: x0,
                y1: height,
                x2: x0 + total,
                y2: height,
                width: if r == 0 { 0.8 } else { 0.5 },
                color: if r == 0 { RULE } else { HAIRLINE },
            });
            Unit {
                height,
                items,
                ..Unit::default()
            }
        };
        let mut head = make_row(self, 0, header);
        head.keep = 1;
        head.space_before = 6.0;
        let repeat = Rc::new(Unit {
            height: head.height,
            items: head.items.clone(),
            ..Unit::default()
        });
        let mut units = vec![head];
        for (r, row) in rows.iter().enumerate() {
            let mut unit = make_row(self, r + 1, row);
            unit.header = Some(Rc::clone(&repeat));
            units.push(unit);
        }
        units
    }
}

/// Column widths for a table `total` points wide: columns holding only badges
/// share one equal width, the rest split what is left by their natural width.
pub(super) fn column_widths(
    natural: &[f32],
    minimum: &[f32],
    badge_col: &[bool],
    total: f32,
) -> Vec<f32> {
    let n = natural.len();
    let text_cols: Vec<usize> = (0..n).filter(|&c| !badge_col[c]).collect();
    let badge_cols = n - text_cols.len();
    if text_cols.is_empty() {
        return vec![total / n as f32; n];
    }
    let text_min: f32 = text_cols.iter().map(|&c| minimum[c]).sum();
    // Text columns may ask for their natural width up to half the table.
    let text_want: f32 = text_cols
        .iter()
        .map(|&c| natural[c].max(minimum[c]))
        .sum::<f32>()
        .min(total * 0.5)
        .max(text_min);
    let badge_w = if badge_cols == 0 {
        0.0
    } else {
        let want = (0..n)
            .filter(|&c| badge_col[c])
            .map(|c| natural[c].max(minimum[c]))
            .fold(0.0, f32::max);
        let floor = (0..n)
            .filter(|&c| badge_col[c])
            .map(|c| minimum[c])
            .fold(0.0, f32::max);
        want.min((total - text_want) / badge_cols as f32)
            .max(floor.min(total / n as f32))
    };
    let room = total - badge_w * badge_cols as f32;
    let mut widths: Vec<f32> = (0..n)
        .map(|c| if badge_col[c] { badge_w } else { minimum[c] })
        .collect();
    let min_sum: f32 = text_cols.iter().map(|&c| widths[c]).sum();
    let nat_sum: f32 = text_cols.iter().map(|&c| natural[c].max(minimum[c])).sum();
    if nat_sum <= room {
        // Everything fits on one line: share the rest by natural width.
        for &c in &text_cols {
            widths[c] = natural[c].max(minimum[c]) / nat_sum * room;
        }
    } else if min_sum < room {
        let grow: f32 = text_cols.iter().map(|&c| natural[c] - widths[c]).sum();
        let extra = room - min_sum;
        for &c in &text_cols {
            widths[c] += (natural[c] - widths[c]).max(0.0) / grow.max(0.01) * extra;
        }
    } else {
        for &c in &text_cols {
            widths[c] = minimum[c] / min_sum * room;
        }
    }
    widths
}

//! Ruled tables: the drawn borders as a lattice, slots without a border between them merged,
//! each cell's lines as its text.

use super::*;

/// A ruled table: the x of its column borders (left to right) and the y of its row borders (top
/// to bottom), and for each slot between them whether the border to its right / below is drawn.
pub(super) struct Lattice {
    pub(super) xs: Vec<f32>,
    pub(super) ys: Vec<f32>,
    /// right[r][c]: a rule between slot (r, c) and (r, c + 1).
    pub(super) right: Vec<Vec<bool>>,
    /// below[r][c]: a rule between slot (r, c) and (r + 1, c).
    pub(super) below: Vec<Vec<bool>>,
}

pub(super) const MAX_LATTICE: usize = 300;
/// How far apart two rules may be and still be one border (double lines, pen widths).
pub(super) const RULE_TOL: f32 = 2.0;

/// Positions within `RULE_TOL` of each other as one.
pub(super) fn cluster(mut v: Vec<f32>) -> Vec<f32> {
    v.sort_by(f32::total_cmp);
    let mut out: Vec<(f32, usize)> = Vec::new();
    for x in v {
        match out.last_mut() {
            Some((sum, n)) if x - *sum / *n as f32 <= RULE_TOL => {
                *sum += x;
                *n += 1;
            }
            _ => out.push((x, 1)),
        }
    }
    out.into_iter().map(|(sum, n)| sum / n as f32).collect()
}

/// The page's rules in groups that touch each other, each group a table when it has at least
/// two rows or two columns of slots.
pub(super) fn tables(rules: &[Rule]) -> Vec<Lattice> {
    let rules: Vec<Rule> = rules.iter().copied().filter(|r| r.to - r.from >= 1.0).take(5_000).collect();
    // Grouping compares rules pairwise: charged as operators (one per hundred comparisons), so
    // pages of thousands of rules cannot repeat it until the time runs out.
    if !budget::charge(Resource::Operators, rules.len() * rules.len() / 100) {
        return Vec::new();
    }
    // A border runs from one crossing rule to another; an underline or a strike-through stops
    // in the middle of a cell, so a rule with a free end is not a border.
    let ends_on = |r: &Rule, others: &[Rule]| {
        let on = |at: f32| {
            others.iter().any(|o| {
                o.horizontal != r.horizontal && (o.pos - at).abs() <= RULE_TOL && r.pos >= o.from - RULE_TOL && r.pos <= o.to + RULE_TOL
            })
        };
        on(r.from) && on(r.to)
    };
    let horizontal: Vec<Rule> = rules.iter().copied().filter(|r| r.horizontal && ends_on(r, &rules)).collect();
    let vertical: Vec<Rule> = rules.iter().copied().filter(|r| !r.horizontal && ends_on(r, &horizontal)).collect();
    let rules: Vec<Rule> = horizontal.into_iter().chain(vertical).collect();
    let n = rules.len();
    let mut parent: Vec<usize> = (0..n).collect();
    pub(super) fn root(p: &mut [usize], mut i: usize) -> usize {
        while p[i] != i {
            p[i] = p[p[i]];
            i = p[i];
        }
        i
    }
    let touch = |a: &Rule, b: &Rule| {
        let within = |v: f32, r: &Rule| v >= r.from - RULE_TOL && v <= r.to + RULE_TOL;
        if a.horizontal == b.horizontal {
            (a.pos - b.pos).abs() <= RULE_TOL && a.from <= b.to + RULE_TOL && b.from <= a.to + RULE_TOL
        } else {
            within(a.pos, b) && within(b.pos, a)
        }
    };
    for i in 0..n {
        for j in i + 1..n {
            if touch(&rules[i], &rules[j]) {
                let (a, b) = (root(&mut parent, i), root(&mut parent, j));
                parent[a] = b;
            }
        }
    }
    let mut groups: BTreeMap<usize, Vec<Rule>> = BTreeMap::new();
    for (i, rule) in rules.iter().enumerate() {
        let r = root(&mut parent, i);
        groups.entry(r).or_default().push(*rule);
    }
    groups.into_values().filter_map(|g| Lattice::new(&g)).take(200).collect()
}

impl Lattice {
    pub(super) fn new(rules: &[Rule]) -> Option<Lattice> {
        let xs = cluster(rules.iter().filter(|r| !r.horizontal).map(|r| r.pos).collect());
        let mut ys = cluster(rules.iter().filter(|r| r.horizontal).map(|r| r.pos).collect());
        ys.reverse(); // top first
        if xs.len() < 2 || ys.len() < 2 || xs.len() > MAX_LATTICE || ys.len() > MAX_LATTICE || xs.len() * ys.len() <= 4 {
            return None;
        }
        // The rules at each border position, so that a slot looks only at its own borders.
        let at = |horizontal: bool, pos: f32| -> Vec<(f32, f32)> {
            rules.iter().filter(|r| r.horizontal == horizontal && (r.pos - pos).abs() <= RULE_TOL).map(|r| (r.from, r.to)).collect()
        };
        let vertical: Vec<Vec<(f32, f32)>> = xs.iter().map(|&x| at(false, x)).collect();
        let horizontal: Vec<Vec<(f32, f32)>> = ys.iter().map(|&y| at(true, y)).collect();
        let covers = |list: &[(f32, f32)], v: f32| list.iter().any(|&(a, b)| v >= a - 1.0 && v <= b + 1.0);
        let (rows, cols) = (ys.len() - 1, xs.len() - 1);
        let right =
            (0..rows).map(|r| (0..cols).map(|c| c + 1 == cols || covers(&vertical[c + 1], (ys[r] + ys[r + 1]) / 2.0)).collect()).collect();
        let below = (0..rows)
            .map(|r| (0..cols).map(|c| r + 1 == rows || covers(&horizontal[r + 1], (xs[c] + xs[c + 1]) / 2.0)).collect())
            .collect();
        Some(Lattice { xs, ys, right, below })
    }

    pub(super) fn top(&self) -> f32 {
        self.ys[0]
    }

    pub(super) fn contains(&self, x: f32, y: f32) -> bool {
        x >= self.xs[0] && x <= self.xs[self.xs.len() - 1] && y <= self.ys[0] && y >= self.ys[self.ys.len() - 1]
    }

    pub(super) fn slot(&self, x: f32, y: f32) -> (usize, usize) {
        let c = self.xs.partition_point(|&v| v <= x).clamp(1, self.xs.len() - 1) - 1;
        let r = self.ys.partition_point(|&v| v >= y).clamp(1, self.ys.len() - 1) - 1;
        (r, c)
    }

    /// Slots without a rule between them are one cell (merged cells); each cell's text is its
    /// glyphs' lines, joined with line breaks as a Word cell's paragraphs are.
    pub(super) fn grid(&self, glyphs: Vec<Glyph>) -> Option<(Grid, Vec<Vec<Fill>>)> {
        let (rows, cols) = (self.ys.len() - 1, self.xs.len() - 1);
        let mut parent: Vec<usize> = (0..rows * cols).collect();
        fn root(p: &mut [usize], mut i: usize) -> usize {
            while p[i] != i {
                p[i] = p[p[i]];
                i = p[i];
            }
            i
        }
        for r in 0..rows {
            for c in 0..cols {
                let i = r * cols + c;
                if !self.right[r][c] {
                    let (a, b) = (root(&mut parent, i), root(&mut parent, i + 1));
                    parent[a.max(b)] = a.min(b);
                }
                if !self.below[r][c] {
                    let (a, b) = (root(&mut parent, i), root(&mut parent, i + cols));
                    parent[a.max(b)] = a.min(b);
                }
            }
        }
        // Each cell: its slot span and its glyphs, keyed by its root (the top-left slot).
        let mut span: BTreeMap<usize, (usize, usize, usize, usize)> = BTreeMap::new();
        for i in 0..rows * cols {
            let k = root(&mut parent, i);
            let (r, c) = (i / cols, i % cols);
            let e = span.entry(k).or_insert((r, c, r, c));
            e.0 = e.0.min(r);
            e.1 = e.1.min(c);
            e.2 = e.2.max(r);
            e.3 = e.3.max(c);
        }
        let mut text: HashMap<usize, Vec<Glyph>> = HashMap::new();
        for g in glyphs {
            let (r, c) = self.slot(g.cx, g.cy);
            let k = root(&mut parent, r * cols + c);
            text.entry(k).or_default().push(g);
        }
        if text.is_empty() {
            return None;
        }
        let mut cells: Vec<(usize, usize, usize, usize, usize)> = span.iter().map(|(&k, &(r0, c0, r1, c1))| (r0, c0, r1, c1, k)).collect();
        cells.sort();
        // Each cell's lines.
        let cell_lines: Vec<Vec<Line>> = cells
            .iter()
            .map(|&(.., k)| {
                text.remove(&k).map_or_else(Vec::new, |gs| {
                    let mut lines = group_lines(gs);
                    lift_vertical_labels(&mut lines);
                    lines
                })
            })
            .collect();
        // The width text may take in a column: cell padding is not in the file, but a line that
        // wraps ran as far as it could, so the widest line followed by another in a cell of the
        // same columns shows it. Without such a line, the cell's own width (an overestimate: a
        // line is then seldom "full", and rows are joined less).
        let width = |l: &Line| l.cells.last().map_or(0.0, |s| s.x_end) - l.cells.first().map_or(0.0, |s| s.x);
        let mut widest: HashMap<(usize, usize), f32> = HashMap::new();
        for (&(_, c0, _, c1, _), lines) in cells.iter().zip(&cell_lines) {
            let w = lines.iter().rev().skip(1).map(width).fold(0.0, f32::max);
            let e = widest.entry((c0, c1)).or_insert(0.0);
            *e = e.max(w);
        }
        // A grid row whose labels hold several items ("1.…" on one line, "2.…" on another) is
        // several table rows whose dividing rules are missing.
        let mut several_rows = vec![false; rows];
        for (&(r0, ..), lines) in cells.iter().zip(&cell_lines) {
            let items = lines.iter().filter(|l| l.cells.first().is_some_and(|s| starts_item(&s.text))).count();
            several_rows[r0] |= items >= 2;
        }
        // A row whose cells hold text and, below it on one baseline, numbers is two rows whose
        // dividing rule is not drawn on this page: the rest of a merged header cell a page break
        // cut, over the data row.
        let line_text = |l: &Line| l.cells.iter().map(|s| s.text.as_str()).collect::<Vec<_>>().join(" ");
        let mut split = vec![false; rows];
        for (r, split) in split.iter_mut().enumerate() {
            let (mut mixed, mut ok, mut base) = (false, !several_rows[r], None::<f32>);
            for ((r0, .., r1, _), lines) in cells.iter().zip(&cell_lines) {
                let Some(last) = lines.last().filter(|_| (*r0, *r1) == (r, r)) else { continue };
                let numbers = lines.iter().filter(|l| number_part(&line_text(l))).count();
                if numbers == 0 {
                    continue;
                }
                let same_base = base.is_none_or(|b| (b - last.y).abs() <= 0.5 * last.size);
                ok &= numbers == 1 && number_part(&line_text(last)) && same_base;
                base = Some(last.y);
                mixed |= lines.len() > 1;
            }
            *split = ok && mixed;
        }
        // Output row of each lattice row (a split row becomes two: its text, then its numbers).
        let at: Vec<usize> = split.iter().scan(0, |n, &s| Some(std::mem::replace(n, *n + 1 + s as usize))).collect();
        let out_rows = rows + split.iter().filter(|&&s| s).count();
        let mut out: Vec<Vec<(String, usize, usize)>> = vec![Vec::new(); out_rows];
        let mut fills: Vec<Vec<Fill>> = vec![Vec::new(); out_rows];
        for (&(r0, c0, r1, c1, _), lines) in cells.iter().zip(&cell_lines) {
            let inner = widest.get(&(c0, c1)).copied().filter(|&w| w > 0.0).unwrap_or(self.xs[c1 + 1] - self.xs[c0]);
            let fill = |lines: &[Line]| {
                // A vertical label's lines are full whatever the column shows.
                let vertical = lines.last().is_some_and(|l| l.cells.iter().any(|s| s.vertical));
                Fill {
                    inner: if vertical { 0.0 } else { inner },
                    last: lines.last().map_or(0.0, width),
                    size: lines.last().map_or(0.0, |l| l.size),
                }
            };
            let (start, end) = (at[r0], at[r1] + split[r1] as usize);
            if r0 == r1 && split[r0] {
                let cut = lines.iter().position(|l| number_part(&line_text(l))).unwrap_or(lines.len());
                let (text, numbers) = lines.split_at(cut);
                for (row, part) in [(start, text), (start + 1, numbers)] {
                    out[row].push((cell_text(part, false), 1, c1 - c0 + 1));
                    fills[row].push(fill(part));
                }
                continue;
            }
            out[start].push((cell_text(lines, several_rows[r0]), end - start + 1, c1 - c0 + 1));
            fills[start].push(fill(lines));
        }
        Some((Grid::place(out), fills))
    }
}

/// How a table cell's text fills it: the width text takes in its column (the widest line of the
/// column's cells), the width of its last line and that line's size. A line is full when the next character would not have
/// fitted: the text was wrapped there, or cut there by a page break.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Fill {
    pub(super) inner: f32,
    pub(super) last: f32,
    pub(super) size: f32,
}

impl Fill {
    /// The next character (about a size wide) would not have fitted.
    pub(super) fn last_line_full(&self) -> bool {
        self.last + 0.9 * self.size > self.inner
    }
}

/// Digits, with the separators a number may hold: a line that is part of a number.
pub(super) fn number_part(s: &str) -> bool {
    let t = s.trim();
    !t.is_empty() && t.chars().all(|c| c.is_ascii_digit() || matches!(c, ',' | '.' | '，'))
}

/// A cell's lines joined by line breaks, as a Word cell's paragraphs are — except a number the
/// cell was too narrow for ("14" / "8"): a count cell holds one number, so lines of digits are
/// one number again. (Where rules between rows are missing, one "cell" holds several rows and
/// its lines are several numbers: `several_rows` says so, and then nothing is joined.)
pub(super) fn cell_text(lines: &[Line], several_rows: bool) -> String {
    let mut out = String::new();
    let mut prev_digits = false;
    for l in lines {
        let t = l.cells.iter().map(|s| s.text.as_str()).collect::<Vec<_>>().join(" ");
        let digits = number_part(&t);
        if !(out.is_empty() || digits && prev_digits && !several_rows) {
            out.push('\n');
        }
        out.push_str(&t);
        prev_digits = digits;
    }
    out
}

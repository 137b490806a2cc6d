//! Layout of one page: glyphs into lines and cells, lines into paragraphs, ruled tables and the
//! rest placed top to bottom.

use super::*;

/// A visual line: its baseline, and its cells left to right.
pub(super) struct Line {
    pub(super) y: f32,
    pub(super) size: f32,
    pub(super) cells: Vec<Span>,
}

/// A run of glyphs without a wide gap: one cell's text.
pub(super) struct Span {
    pub(super) x: f32,
    pub(super) x_end: f32,
    pub(super) size: f32,
    pub(super) text: String,
    /// Where the span's first unbreakable word ends ("2025年" breaks after its digits' run;
    /// a Chinese character is a word by itself): whether it would have fitted on the line above.
    pub(super) word_end: f32,
    /// A label printed down a narrow cell, one character per line, read as one line: every
    /// one of its lines was full.
    pub(super) vertical: bool,
}

/// A block as laid out on its page: where it starts, and for a ruled table its column borders.
pub(super) struct Placed {
    pub(super) y: f32,
    pub(super) block: Block,
    pub(super) cols: Option<Vec<f32>>,
    /// For a ruled table, how each cell's text fills it (parallel to the grid's rows).
    pub(super) fill: Vec<Vec<Fill>>,
    /// A paragraph's font size, whether it runs to the right margin and whether it starts at
    /// the left one (see `Para`).
    pub(super) ends: Option<(f32, bool, bool)>,
}

pub(super) fn layout(page: Page, use_rules: bool) -> Vec<Placed> {
    let Page { glyphs, rules } = page;
    let tables = if use_rules { tables(&rules) } else { Vec::new() };
    // Glyphs inside a table go to its cells; the rest make lines.
    let mut inside: Vec<Vec<Glyph>> = vec![Vec::new(); tables.len()];
    let mut free = Vec::new();
    for g in glyphs {
        match tables.iter().position(|t| t.contains(g.cx, g.cy)) {
            Some(t) => inside[t].push(g),
            None => free.push(g),
        }
    }
    // Blocks with the y of their top, merged top to bottom.
    let mut placed: Vec<Placed> = Vec::new();
    for (t, gs) in tables.iter().zip(inside) {
        if let Some((grid, fill)) = t.grid(gs).filter(|(g, _)| budget::charge(Resource::Cells, g.rows.iter().map(Vec::len).sum())) {
            placed.push(Placed { y: t.top(), block: Block::Table(grid), cols: Some(t.xs.clone()), fill, ends: None });
        }
    }
    let mut lines = group_lines(free);
    lift_vertical_labels(&mut lines);
    lines.retain(|l| l.cells.iter().any(|c| !c.text.trim().is_empty()));
    for p in paragraphs(&lines) {
        let ends = Some((p.size, p.open, p.flush));
        placed.push(Placed { y: p.y, block: Block::Para(p.text), cols: None, fill: Vec::new(), ends });
    }
    for l in lines.into_iter().filter(|l| l.cells.len() > 1 && budget::charge(Resource::Cells, l.cells.len())) {
        let row = l.cells.into_iter().enumerate().map(|(i, c)| Cell::new(c.text, i)).collect();
        placed.push(Placed { y: l.y, block: Block::Table(Grid { rows: vec![row] }), cols: None, fill: Vec::new(), ends: None });
    }
    // Stable: blocks keep their order among equals.
    placed.sort_by(|a, b| b.y.total_cmp(&a.y));
    placed
}

/// Running text wraps at the right margin: a line that reaches it continues on the next line when
/// that one starts back at the left margin in the same font. A title centred over two lines in a
/// large font is one paragraph too. Every other single-cell line stands alone.
pub(super) fn paragraphs(lines: &[Line]) -> Vec<Para> {
    let singles: Vec<&Line> = lines.iter().filter(|l| l.cells.len() == 1).collect();
    let left = singles.iter().map(|l| l.cells[0].x).fold(f32::INFINITY, f32::min);
    let right = singles.iter().map(|l| l.cells[0].x_end).fold(f32::NEG_INFINITY, f32::max);
    let mut sizes: Vec<f32> = singles.iter().map(|l| l.size).collect();
    sizes.sort_by(f32::total_cmp);
    let body = sizes.get(sizes.len() / 2).copied().unwrap_or(0.0);
    // The page's usual line pitch (line spacing differs from file to file: 1.5 to 3 sizes).
    let mut pitches: Vec<f32> = singles
        .windows(2)
        .filter(|w| (w[0].size - w[1].size).abs() <= 0.1 * w[0].size)
        .map(|w| (w[0].y - w[1].y) / w[0].size)
        .filter(|p| (0.8..=4.0).contains(p))
        .collect();
    pitches.sort_by(f32::total_cmp);
    let pitch_of_page = pitches.get(pitches.len() / 2).copied().unwrap_or(1.6);
    let mut out: Vec<Para> = Vec::new();
    let mut prev: Option<&Line> = None;
    for (i, l) in lines.iter().enumerate() {
        if l.cells.len() != 1 {
            prev = None;
            continue;
        }
        let c = &l.cells[0];
        let joins = prev.is_some_and(|p| {
            let pc = &p.cells[0];
            let same_font = (p.size - l.size).abs() <= 0.1 * p.size;
            let pitch = p.y - l.y;
            let next_line = pitch >= 0.8 * p.size && pitch <= (1.2 * pitch_of_page).max(1.6) * p.size;
            // The line above ends where the next line's first word would not have fitted.
            let full = pc.x_end >= right - 1.5 * p.size || pc.x_end + (c.word_end - c.x) > right - 0.5 * l.size;
            let wrapped = full && c.x <= left + 1.0 * l.size;
            let centre = (left + right) / 2.0;
            let centred = |s: &Span| ((s.x + s.x_end) / 2.0 - centre).abs() <= 2.0 * s.size;
            let title = l.size >= 1.2 * body && centred(pc) && centred(c) && pitch <= 2.5 * p.size;
            same_font && (next_line && wrapped || title)
        });
        let open = c.x_end >= right - 1.5 * l.size;
        match out.last_mut() {
            Some(p) if joins => {
                p.text.push_str(c.text.trim());
                p.open = open;
            }
            _ => out.push(Para { y: l.y, text: c.text.trim().to_string(), size: l.size, open, flush: c.x <= left + 0.5 * l.size }),
        }
        prev = Some(&lines[i]);
    }
    out
}

/// A paragraph of a page, with what joining it to the next page's first paragraph needs.
pub(super) struct Para {
    pub(super) y: f32,
    pub(super) text: String,
    pub(super) size: f32,
    /// Its last line runs to the right margin: the text may go on.
    pub(super) open: bool,
    /// Its first line starts at the left margin: no indent, so no new paragraph.
    pub(super) flush: bool,
}

/// Glyphs whose baselines lie within a fraction of the font size of each other share a line
/// (cells of one table row are centred, so fonts of different sizes sit a little apart); lines
/// come top to bottom.
pub(super) fn group_lines(mut glyphs: Vec<Glyph>) -> Vec<Line> {
    glyphs.sort_by(|a, b| b.y.total_cmp(&a.y).then(a.x.total_cmp(&b.x)));
    let mut lines: Vec<(f32, f32, Vec<Glyph>)> = Vec::new(); // (first baseline, size, glyphs)
    for g in glyphs {
        // Only the last few lines can be close: glyphs come in falling baseline order.
        let found =
            lines.iter_mut().rev().take(4).find(|(y, size, _)| (y - g.y).abs() <= 0.45 * size.max(g.size).min(2.0 * size.min(g.size)));
        match found {
            Some((_, size, gs)) => {
                if !g.is_space() {
                    *size = size.max(g.size);
                }
                gs.push(g);
            }
            None => lines.push((g.y, g.size, vec![g])),
        }
    }
    lines.into_iter().map(|(y, size, gs)| Line { y, size, cells: cells(gs) }).collect()
}

/// Cuts a line's glyphs into cells at gaps much wider than a character. Digits of one number
/// stand together, so two digits apart by half a character are two numbers.
pub(super) fn cells(mut gs: Vec<Glyph>) -> Vec<Span> {
    gs.sort_by(|a, b| a.x.total_cmp(&b.x));
    // Glyphs drawn twice (a bold effect) would double the text.
    gs.dedup_by(|b, a| b.text == a.text && (b.x - a.x).abs() < 0.2 * a.size && (b.y - a.y).abs() < 0.2 * a.size);
    let mut out: Vec<Span> = Vec::new();
    let mut pending_space = false;
    for g in gs {
        if g.is_space() {
            pending_space = true;
            continue;
        }
        let digit = |s: &str| s.chars().all(|c| c.is_ascii_digit() || c == '.');
        let alnum = |s: &str| s.chars().all(|c| c.is_ascii_alphanumeric() || c == '.');
        if let Some(last) = out.last_mut() {
            let gap = g.x - last.x_end;
            let size = last.size.max(g.size);
            let both_digits = digit(&g.text) && last.text.chars().last().is_some_and(|c| c.is_ascii_digit() || c == '.');
            // A number after a Chinese label: running text puts at most a narrow space there
            // ("收到 70 件"), a table cell's padding is wider.
            let label_number = digit(&g.text) && last.text.chars().last().is_some_and(|c| !c.is_ascii());
            let limit = if both_digits {
                0.4 * size
            } else if label_number {
                0.6 * size
            } else {
                1.2 * size
            };
            if gap <= limit {
                if pending_space || gap > 0.25 * size {
                    last.text.push(' ');
                }
                let in_word = !pending_space && gap <= 0.25 * size && last.word_end == last.x_end && alnum(&last.text) && alnum(&g.text);
                last.text.push_str(&g.text);
                last.x_end = last.x_end.max(g.x_end);
                if in_word {
                    last.word_end = last.x_end;
                }
                last.size = size;
                pending_space = false;
                continue;
            }
        }
        pending_space = false;
        out.push(Span { x: g.x, x_end: g.x_end, size: g.size, word_end: g.x_end, text: g.text, vertical: false });
    }
    out
}

/// A label printed one character per line down a merged cell (三、本年度办理结果) would put a
/// stray character on some table rows and take their label's place. Such a column of short
/// cells at one x, on consecutive lines, is taken out of those lines and read as one label line
/// where it starts.
pub(super) fn lift_vertical_labels(lines: &mut Vec<Line>) {
    /// Lines looked at below a label character for the next one (a real label's characters have
    /// a few lines beside them; tiny lines under a huge character must not make this quadratic).
    const LOOK: usize = 64;
    let short = |s: &Span| {
        let n = s.text.chars().filter(|c| !c.is_whitespace()).count();
        (1..=2).contains(&n) && !s.text.chars().any(|c| c.is_ascii_alphanumeric())
    };
    // Labels found, each with the index of the line it goes before; lines are rebuilt once at
    // the end (an insert and a retain per label made many labels quadratic).
    let mut labels: Vec<(usize, Line)> = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let Some(first) = lines[i].cells.first().filter(|c| short(c)) else {
            i += 1;
            continue;
        };
        let (x, size) = (first.x, first.size);
        // Follow the column down: each next character is the first cell of a line not far below.
        let mut members = vec![i];
        let mut last_y = lines[i].y;
        let mut since = 0;
        for (j, l) in lines.iter().enumerate().skip(i + 1) {
            if last_y - l.y > 2.5 * size || since >= LOOK {
                break;
            }
            if l.cells.first().is_some_and(|c| short(c) && (c.x - x).abs() <= 0.5 * size && (c.size - size).abs() <= 0.2 * size) {
                members.push(j);
                last_y = l.y;
                since = 0;
            } else {
                since += 1;
            }
        }
        if members.len() < 3 {
            i += 1;
            continue;
        }
        let text: String = members.iter().map(|&j| lines[j].cells[0].text.trim().to_string()).collect();
        let y = lines[i].y;
        for &j in &members {
            lines[j].cells.remove(0);
        }
        labels.push((i, Line { y, size, cells: vec![Span { x, x_end: x + size, size, word_end: x + size, text, vertical: true }] }));
        i = members.last().copied().unwrap_or(i) + 1;
    }
    if labels.is_empty() {
        return;
    }
    let mut labels = labels.into_iter().peekable();
    let old = std::mem::take(lines);
    for (k, l) in old.into_iter().enumerate() {
        while let Some((_, label)) = labels.next_if(|(at, _)| *at == k) {
            lines.push(label);
        }
        if !l.cells.is_empty() {
            lines.push(l);
        }
    }
}

//! Content streams: run far enough to know where each glyph lands, which character it is, and
//! which rules (table borders) are drawn.

use super::*;

pub(super) type Matrix = [f32; 6];
pub(super) const IDENTITY: Matrix = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];

/// `a × b` (PDF's row-vector convention: apply `a` first).
pub(super) fn mul(a: &Matrix, b: &Matrix) -> Matrix {
    [
        a[0] * b[0] + a[1] * b[2],
        a[0] * b[1] + a[1] * b[3],
        a[2] * b[0] + a[3] * b[2],
        a[2] * b[1] + a[3] * b[3],
        a[4] * b[0] + a[5] * b[2] + b[4],
        a[4] * b[1] + a[5] * b[3] + b[5],
    ]
}

pub(super) fn apply(m: &Matrix, x: f32, y: f32) -> (f32, f32) {
    (x * m[0] + y * m[2] + m[4], x * m[1] + y * m[3] + m[5])
}

/// One glyph as placed on the page (PDF user space: y grows upwards).
#[derive(Debug, Clone)]
pub(super) struct Glyph {
    pub(super) x: f32,
    pub(super) x_end: f32,
    pub(super) y: f32,
    pub(super) size: f32,
    /// The middle of the glyph's box: what decides the table cell it sits in.
    pub(super) cx: f32,
    pub(super) cy: f32,
    pub(super) text: String,
}

impl Glyph {
    pub(super) fn is_space(&self) -> bool {
        self.text.chars().all(|c| c.is_whitespace())
    }
}

/// The graphics state that q/Q save: the CTM and the text state.
#[derive(Clone)]
pub(super) struct State {
    pub(super) ctm: Matrix,
    pub(super) font: Option<Rc<Font>>,
    pub(super) size: f32,
    pub(super) char_spacing: f32,
    pub(super) word_spacing: f32,
    pub(super) scale: f32,
    pub(super) leading: f32,
    pub(super) rise: f32,
}

impl Default for State {
    fn default() -> State {
        State { ctm: IDENTITY, font: None, size: 0.0, char_spacing: 0.0, word_spacing: 0.0, scale: 1.0, leading: 0.0, rise: 0.0 }
    }
}

pub(super) struct Run<'c, 'g> {
    pub(super) ctx: &'c mut Ctx,
    pub(super) page: &'g mut Page,
}

/// What a page's content streams leave: glyphs, and straight rules (table borders).
#[derive(Default)]
pub(super) struct Page {
    pub(super) glyphs: Vec<Glyph>,
    pub(super) rules: Vec<Rule>,
}

/// An axis-parallel rule on the page: at `pos` (y of a horizontal one, x of a vertical one),
/// from `from` to `to` along its axis.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Rule {
    pub(super) horizontal: bool,
    pub(super) pos: f32,
    pub(super) from: f32,
    pub(super) to: f32,
}

pub(super) const MAX_RULES: usize = 20_000;

impl Run<'_, '_> {
    /// Keeps the axis-parallel pieces of a painted path as rules.
    pub(super) fn paint(&mut self, path: &[(f32, f32, f32, f32)]) {
        for &(x0, y0, x1, y1) in path {
            if self.page.rules.len() >= MAX_RULES {
                return;
            }
            if (y0 - y1).abs() <= 0.5 && (x0 - x1).abs() >= 1.0 {
                self.page.rules.push(Rule { horizontal: true, pos: (y0 + y1) / 2.0, from: x0.min(x1), to: x0.max(x1) });
            } else if (x0 - x1).abs() <= 0.5 && (y0 - y1).abs() >= 1.0 {
                self.page.rules.push(Rule { horizontal: false, pos: (x0 + x1) / 2.0, from: y0.min(y1), to: y0.max(y1) });
            }
        }
    }

    pub(super) fn interpret(&mut self, data: &[u8], fonts: &Dict<'_>, xobjects: &Dict<'_>, state: &mut State, depth: usize) {
        let mut stack: Vec<State> = Vec::new();
        let mut tm = IDENTITY;
        let mut tlm = IDENTITY;
        let mut iter = UntypedIter::new(data);
        let mut by_name: HashMap<Vec<u8>, Option<Rc<Font>>> = HashMap::new();
        // The path being built, as device-space segments; thin filled rectangles are kept apart
        // (Word draws borders as filled bars).
        let mut path: Vec<(f32, f32, f32, f32)> = Vec::new();
        let mut bars: Vec<(f32, f32, f32, f32)> = Vec::new();
        let (mut cur, mut start) = ((0.0f32, 0.0f32), (0.0f32, 0.0f32));
        while let Some(op) = iter.next() {
            if !budget::charge(Resource::Operators, 1) {
                return;
            }
            // The operands without a vector per operator: the first six (`cm` and `Tm` have the
            // most of the operators read here) and the last.
            let mut args: [Option<&Object<'_>>; 6] = [None; 6];
            let mut last = None;
            for (i, o) in op.operands().enumerate() {
                if let Some(slot) = args.get_mut(i) {
                    *slot = Some(o);
                }
                last = Some(o);
            }
            let first = args[0];
            let n = |i: usize| args.get(i).copied().flatten().and_then(num).unwrap_or(0.0);
            let name: &[u8] = op.operator;
            match name {
                b"q" if stack.len() < MAX_STATE_DEPTH => stack.push(state.clone()),
                b"Q" => {
                    if let Some(s) = stack.pop() {
                        *state = s;
                    }
                }
                b"cm" => {
                    let m = [n(0), n(1), n(2), n(3), n(4), n(5)];
                    state.ctm = mul(&m, &state.ctm);
                }
                b"m" => {
                    cur = apply(&state.ctm, n(0), n(1));
                    start = cur;
                }
                b"l" => {
                    let p = apply(&state.ctm, n(0), n(1));
                    if path.len() < MAX_RULES {
                        path.push((cur.0, cur.1, p.0, p.1));
                    }
                    cur = p;
                }
                b"c" | b"v" | b"y" => {
                    let k = if name == b"c" { 4 } else { 2 };
                    cur = apply(&state.ctm, n(k), n(k + 1));
                }
                b"h" => {
                    if path.len() < MAX_RULES {
                        path.push((cur.0, cur.1, start.0, start.1));
                    }
                    cur = start;
                }
                b"re" => {
                    let (x, y, w, h) = (n(0), n(1), n(2), n(3));
                    let c = [(x, y), (x + w, y), (x + w, y + h), (x, y + h)].map(|(a, b)| apply(&state.ctm, a, b));
                    let (dx, dy) = ((c[0].0 - c[2].0).abs(), (c[0].1 - c[2].1).abs());
                    if dy <= 2.5 && dx > dy {
                        let y = (c[0].1 + c[2].1) / 2.0;
                        bars.push((c[0].0, y, c[2].0, y));
                    } else if dx <= 2.5 && dy > dx {
                        let x = (c[0].0 + c[2].0) / 2.0;
                        bars.push((x, c[0].1, x, c[2].1));
                    }
                    if path.len() + 4 <= MAX_RULES {
                        path.extend((0..4).map(|i| (c[i].0, c[i].1, c[(i + 1) % 4].0, c[(i + 1) % 4].1)));
                    }
                    cur = c[0];
                    start = c[0];
                }
                b"S" | b"s" | b"B" | b"B*" | b"b" | b"b*" | b"f" | b"F" | b"f*" | b"n" => {
                    if matches!(name, b"S" | b"s" | b"B" | b"B*" | b"b" | b"b*") {
                        self.paint(&path);
                    } else if name != b"n" {
                        self.paint(&bars);
                    }
                    path.clear();
                    bars.clear();
                }
                b"BT" => {
                    tm = IDENTITY;
                    tlm = IDENTITY;
                }
                b"Tf" => {
                    state.size = n(1);
                    state.font = match first {
                        // Looking a font up parses its dictionary again: once per name is enough.
                        Some(Object::Name(f)) => match by_name.get(f.as_ref()) {
                            Some(font) => font.clone(),
                            None => {
                                let font = fonts.get::<Dict<'_>>(f.as_ref()).map(|d| self.ctx.font(&d));
                                if by_name.len() < 1000 {
                                    by_name.insert(f.as_ref().to_vec(), font.clone());
                                }
                                font
                            }
                        },
                        _ => None,
                    };
                }
                b"Tc" => state.char_spacing = n(0),
                b"Tw" => state.word_spacing = n(0),
                b"Tz" => state.scale = n(0) / 100.0,
                b"TL" => state.leading = n(0),
                b"Ts" => state.rise = n(0),
                b"Td" | b"TD" => {
                    if name == b"TD" {
                        state.leading = -n(1);
                    }
                    tlm = mul(&[1.0, 0.0, 0.0, 1.0, n(0), n(1)], &tlm);
                    tm = tlm;
                }
                b"Tm" => {
                    tlm = [n(0), n(1), n(2), n(3), n(4), n(5)];
                    tm = tlm;
                }
                b"T*" => {
                    tlm = mul(&[1.0, 0.0, 0.0, 1.0, 0.0, -state.leading], &tlm);
                    tm = tlm;
                }
                b"Tj" | b"'" | b"\"" => {
                    if name != b"Tj" {
                        if name == b"\"" {
                            state.word_spacing = n(0);
                            state.char_spacing = n(1);
                        }
                        tlm = mul(&[1.0, 0.0, 0.0, 1.0, 0.0, -state.leading], &tlm);
                        tm = tlm;
                    }
                    if let Some(Object::String(s)) = last {
                        self.show(s.as_bytes(), state, &mut tm);
                    }
                }
                b"TJ" => {
                    if let Some(Object::Array(a)) = first {
                        for item in a.iter::<Object<'_>>().take(100_000) {
                            match item {
                                Object::String(s) => self.show(s.as_bytes(), state, &mut tm),
                                Object::Number(k) => {
                                    let tx = -k.as_f32() / 1000.0 * state.size * state.scale;
                                    if tx.is_finite() {
                                        tm = mul(&[1.0, 0.0, 0.0, 1.0, tx, 0.0], &tm);
                                    }
                                }
                                _ => {}
                            }
                        }
                    }
                }
                b"Do" if depth < MAX_FORM_DEPTH => {
                    let Some(Object::Name(x)) = first else { continue };
                    let Some(form) = xobjects.get::<Stream<'_>>(x.as_ref()) else { continue };
                    if form.dict().get::<Name<'_>>(b"Subtype").as_deref() != Some(b"Form".as_slice()) {
                        continue;
                    }
                    let Some(body) = self.ctx.decoded(&form) else { continue };
                    let m: Matrix = form
                        .dict()
                        .get::<Array<'_>>(b"Matrix")
                        .and_then(|a| <[f32; 6]>::try_from(a.iter::<f32>().take(6).collect::<Vec<_>>()).ok())
                        .unwrap_or(IDENTITY);
                    // A form without its own resources uses its parent's.
                    let own = form.dict().get::<Dict<'_>>(b"Resources");
                    let own_fonts = own.as_ref().and_then(|r| r.get::<Dict<'_>>(b"Font"));
                    let own_xobjects = own.as_ref().and_then(|r| r.get::<Dict<'_>>(b"XObject"));
                    let mut inner = state.clone();
                    inner.ctm = mul(&m, &state.ctm);
                    self.interpret(
                        &body,
                        own_fonts.as_ref().unwrap_or(fonts),
                        own_xobjects.as_ref().unwrap_or(xobjects),
                        &mut inner,
                        depth + 1,
                    );
                }
                _ => {}
            }
        }
    }

    /// Places the glyphs of one string and advances the text matrix.
    pub(super) fn show(&mut self, s: &[u8], state: &State, tm: &mut Matrix) {
        let Some(font) = state.font.clone() else { return };
        let decode = self.ctx.decode;
        for (code, len) in font.split(s) {
            let w0 = font.width(code, len) / 1000.0;
            let m = mul(tm, &state.ctm);
            let (x, y) = apply(&m, 0.0, state.rise);
            let (x_end, _) = apply(&m, w0 * state.size * state.scale, state.rise);
            // The glyph's height on the page: the font size through the matrices' vertical scale.
            let size = (state.size * m[2].hypot(m[3])).abs();
            let (cx, cy) = apply(&m, w0 * state.size * state.scale / 2.0, state.rise + 0.35 * state.size);
            if let Some(text) = font.text(code, len, decode) {
                let finite = [x, y, x_end, size, cx, cy].iter().all(|v| v.is_finite());
                if finite && budget::charge(Resource::Glyphs, 1) {
                    self.page.glyphs.push(Glyph { x, x_end: x_end.max(x), y, size: size.max(0.1), cx, cy, text });
                }
            }
            let space = if len == 1 && code == 32 { state.word_spacing } else { 0.0 };
            let tx = (w0 * state.size + state.char_spacing + space) * state.scale;
            *tm = mul(&[1.0, 0.0, 0.0, 1.0, tx, 0.0], tm);
        }
    }
}

//! What reading one file may cost, whatever the file declares.
//!
//! Every reader charges the work it does and what it keeps to the budget of the check in
//! progress: bytes inflated or decoded, bytes of text, table cells, slots of resolved grids,
//! objects (HTML tags and attributes, XML elements, PDF objects and CMap entries, .doc pieces and
//! property runs), content-stream operators and placed glyphs. A charge past a limit trips the
//! budget: that charge and every later one fails, the reader stops at its next check, and the
//! check ends with a `too_complex` error naming what ran out. The limits are a hundred times and
//! more what a real report needs (README, "Limits"); each resource's memory per unit is small and
//! bounded, so together they bound the memory of a check, and every loop of a reader is bounded
//! by one of them (or by the input's size, itself limited, see `DEFAULT_MAX_SIZE`).
//!
//! The budget is ambient — one per thread, installed for the length of a check by `scope` — rather
//! than a parameter: the readers keep their signatures, and code deep inside a reader charges
//! without a handle threaded through every call. A wasm instance runs one check at a time.

use std::cell::RefCell;

use crate::error::ReadError;
use crate::lang::Lang;

/// The largest input read by default: any real report is far smaller (the corpus's largest is
/// 0.5 MB), and the memory bound of the budgets holds for inputs up to this size.
pub const DEFAULT_MAX_SIZE: usize = 50 << 20;

/// What a reader spends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Resource {
    /// Bytes inflated or decoded from a container (docx parts, PDF streams).
    Decoded,
    /// Bytes of text kept (UTF-8), in paragraphs and cells.
    Text,
    /// Table cells.
    Cells,
    /// Slots of resolved grids (rows × columns, spans counted where they reach).
    Area,
    /// Structural items read: tags, attributes, XML elements, PDF objects, CMap entries, pieces.
    Objects,
    /// PDF content-stream operators run.
    Operators,
    /// PDF glyphs placed on a page.
    Glyphs,
}

pub const RESOURCES: [Resource; 7] =
    [Resource::Decoded, Resource::Text, Resource::Cells, Resource::Area, Resource::Objects, Resource::Operators, Resource::Glyphs];

impl Resource {
    fn index(self) -> usize {
        self as usize
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Resource::Decoded => "decoded",
            Resource::Text => "text",
            Resource::Cells => "cells",
            Resource::Area => "area",
            Resource::Objects => "objects",
            Resource::Operators => "operators",
            Resource::Glyphs => "glyphs",
        }
    }

    /// The resource and its limit, for the error message.
    /// The limit as a message says it.
    pub fn describe(self, limit: u64, lang: crate::lang::Lang) -> String {
        let mb = |n: u64| format!("{} MB", n >> 20);
        match (self, lang) {
            (Resource::Decoded, Lang::Zh) => format!("解压后的数据超过 {}", mb(limit)),
            (Resource::Text, Lang::Zh) => format!("文字超过 {}", mb(limit)),
            (Resource::Cells, Lang::Zh) => format!("表格单元格超过 {limit} 个"),
            (Resource::Area, Lang::Zh) => format!("表格的行数乘列数超过 {limit}"),
            (Resource::Objects, Lang::Zh) => format!("文件结构（标签、元素、对象）超过 {limit} 个"),
            (Resource::Operators, Lang::Zh) => format!("PDF 绘制指令超过 {limit} 条"),
            (Resource::Glyphs, Lang::Zh) => format!("PDF 中的字符超过 {limit} 个"),
            (Resource::Decoded, Lang::En) => format!("more than {} of inflated data", mb(limit)),
            (Resource::Text, Lang::En) => format!("more than {} of text", mb(limit)),
            (Resource::Cells, Lang::En) => format!("more than {limit} table cells"),
            (Resource::Area, Lang::En) => format!("tables of more than {limit} rows times columns"),
            (Resource::Objects, Lang::En) => format!("more than {limit} structural items (tags, elements, objects)"),
            (Resource::Operators, Lang::En) => format!("more than {limit} PDF drawing operators"),
            (Resource::Glyphs, Lang::En) => format!("more than {limit} PDF characters"),
        }
    }
}

/// The limit of each resource for one file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    pub decoded: u64,
    pub text: u64,
    pub cells: u64,
    pub area: u64,
    pub objects: u64,
    pub operators: u64,
    pub glyphs: u64,
}

impl Limits {
    /// A real report: under 100 KB of text, under 1,000 cells, under 10,000 glyphs and 30,000
    /// operators in a PDF, under 1 MB decoded (the corpus's most). These limits are 50–1,000 times that.
    pub const DEFAULT: Limits = Limits {
        decoded: 48 << 20,
        text: 4 << 20,
        cells: 100_000,
        area: 1_000_000,
        objects: 1_000_000,
        operators: 2_000_000,
        glyphs: 400_000,
    };

    pub fn get(&self, r: Resource) -> u64 {
        match r {
            Resource::Decoded => self.decoded,
            Resource::Text => self.text,
            Resource::Cells => self.cells,
            Resource::Area => self.area,
            Resource::Objects => self.objects,
            Resource::Operators => self.operators,
            Resource::Glyphs => self.glyphs,
        }
    }
}

impl Default for Limits {
    fn default() -> Limits {
        Limits::DEFAULT
    }
}

/// What a read spent, by resource.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Spent([u64; 7]);

impl Spent {
    pub fn get(&self, r: Resource) -> u64 {
        self.0[r.index()]
    }
}

struct State {
    limits: Limits,
    spent: Spent,
    tripped: Option<Resource>,
}

thread_local! {
    static CURRENT: RefCell<Option<State>> = const { RefCell::new(None) };
}

/// How a scope ended: what was spent, and the resource that ran out, if one did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Outcome {
    pub spent: Spent,
    pub tripped: Option<Resource>,
    pub limits: Limits,
}

impl Outcome {
    /// The error a tripped budget ends the check with.
    pub fn error(&self) -> Option<ReadError> {
        self.tripped.map(|r| exceeded(r, self.limits.get(r)))
    }
}

/// Runs `f` with a fresh budget, and says what it spent. An outer budget is set aside meanwhile
/// and restored after (also when `f` panics).
pub fn scope<T>(limits: Limits, f: impl FnOnce() -> T) -> (T, Outcome) {
    struct Restore(Option<State>);
    impl Drop for Restore {
        fn drop(&mut self) {
            let outer = self.0.take();
            CURRENT.with(|c| *c.borrow_mut() = outer);
        }
    }
    let fresh = State { limits, spent: Spent::default(), tripped: None };
    let _restore = Restore(CURRENT.with(|c| c.borrow_mut().replace(fresh)));
    let out = f();
    let end = CURRENT.with(|c| c.borrow().as_ref().map(|s| Outcome { spent: s.spent, tripped: s.tripped, limits: s.limits }));
    (out, end.unwrap_or(Outcome { spent: Spent::default(), tripped: None, limits }))
}

/// Runs a reader within the budget in force, or within a default one when none is (a reader
/// called on its own). A tripped budget turns the result into its `too_complex` error: what a
/// reader returns after running out is partial.
pub fn within<T>(f: impl FnOnce() -> Result<T, ReadError>) -> Result<T, ReadError> {
    if CURRENT.with(|c| c.borrow().is_some()) {
        let out = f();
        return match tripped() {
            Some(r) => Err(exceeded(r, CURRENT.with(|c| c.borrow().as_ref().map_or(0, |s| s.limits.get(r))))),
            None => out,
        };
    }
    let (out, end) = scope(Limits::DEFAULT, f);
    match end.error() {
        Some(e) => Err(e),
        None => out,
    }
}

/// Charges `n` units of `r`. False when the budget is (now) spent: the caller stops what it is
/// doing. Without a budget in force every charge succeeds.
pub fn charge(r: Resource, n: usize) -> bool {
    CURRENT.with(|c| {
        let mut c = c.borrow_mut();
        let Some(s) = c.as_mut() else { return true };
        if s.tripped.is_some() {
            return false;
        }
        let spent = &mut s.spent.0[r.index()];
        *spent = spent.saturating_add(n as u64);
        if *spent > s.limits.get(r) {
            s.tripped = Some(r);
            return false;
        }
        true
    })
}

/// What is left of `r` (unbounded without a budget): the most a reader may still produce, for
/// a decoder that must stop inside one stream.
pub fn left(r: Resource) -> usize {
    CURRENT.with(|c| match c.borrow().as_ref() {
        Some(s) if s.tripped.is_none() => usize::try_from(s.limits.get(r).saturating_sub(s.spent.get(r))).unwrap_or(usize::MAX),
        Some(_) => 0,
        None => usize::MAX,
    })
}

/// Whether the budget in force still holds (true without one).
pub fn ok() -> bool {
    tripped().is_none()
}

/// The resource that ran out, if one did.
pub fn tripped() -> Option<Resource> {
    CURRENT.with(|c| c.borrow().as_ref().and_then(|s| s.tripped))
}

/// What the budget in force has spent so far.
pub fn spent() -> Spent {
    CURRENT.with(|c| c.borrow().as_ref().map(|s| s.spent).unwrap_or_default())
}

fn exceeded(resource: Resource, limit: u64) -> ReadError {
    ReadError::TooComplex { resource, limit }
}

/// The error for an input over the size limit (`max` bytes), read no further than its length.
pub fn too_large(len: usize, max: usize) -> ReadError {
    ReadError::TooLarge { size: len, limit: max }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_charge_past_the_limit_trips_and_every_later_one_fails() {
        let limits = Limits { cells: 10, ..Limits::DEFAULT };
        let ((), end) = scope(limits, || {
            assert!(charge(Resource::Cells, 10));
            assert!(!charge(Resource::Cells, 1));
            assert!(!charge(Resource::Text, 1), "once tripped, nothing more is charged");
            assert!(!ok());
        });
        assert_eq!(end.tripped, Some(Resource::Cells));
        assert_eq!(end.spent.get(Resource::Cells), 11);
        assert_eq!(end.spent.get(Resource::Text), 0);
        let e = end.error().unwrap();
        assert_eq!(e.code(), "too_complex");
        assert!(e.to_string().contains("单元格超过 10 个"), "{e}");
        assert!(ok() && charge(Resource::Cells, 1 << 40), "no budget outside a scope");
    }

    #[test]
    fn scopes_nest_and_restore_the_outer_budget() {
        let ((), outer) = scope(Limits::DEFAULT, || {
            charge(Resource::Objects, 5);
            let ((), inner) = scope(Limits { objects: 1, ..Limits::DEFAULT }, || {
                charge(Resource::Objects, 2);
            });
            assert_eq!(inner.tripped, Some(Resource::Objects));
            assert!(ok(), "the inner trip stays inside");
            charge(Resource::Objects, 1);
        });
        assert_eq!(outer.spent.get(Resource::Objects), 6);
        assert_eq!(outer.tripped, None);
    }

    #[test]
    fn within_turns_a_trip_into_the_error_and_uses_the_budget_in_force() {
        let r: Result<(), ReadError> = within(|| {
            charge(Resource::Glyphs, Limits::DEFAULT.glyphs as usize + 1);
            Ok(())
        });
        assert_eq!(r.unwrap_err().code(), "too_complex");
        let (r, end) = scope(Limits { text: 3, ..Limits::DEFAULT }, || within(|| Ok(charge(Resource::Text, 4))));
        assert_eq!(r.unwrap_err().code(), "too_complex");
        assert_eq!(end.tripped, Some(Resource::Text));
    }

    #[test]
    fn too_large_names_both_sizes() {
        let e = too_large(60 << 20, DEFAULT_MAX_SIZE);
        assert_eq!(e.code(), "too_large");
        assert!(e.to_string().contains("60 MB") && e.to_string().contains("50 MB"), "{e}");
        assert!(too_large(6500, 5000).to_string().contains("6.3 KB，超过了允许的 4.9 KB"));
        assert!(too_large(100, 99).to_string().contains("100 字节"));
    }
}

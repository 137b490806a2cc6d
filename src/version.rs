//! Which checker and which rule catalogue produced a report. Both are written into every report
//! (`checker_version`, `rules_version`), printed by `nianbao-check --version` and shown by the page
//! (build.sh writes them into `www/version.js`), so a report read months later says what made it.

/// The crate's version: `Cargo.toml` is the one place it is set (the npm package and the release
/// take it from there).
pub const CHECKER_VERSION: &str = env!("CARGO_PKG_VERSION");

/// The rule catalogue's version, `YEAR.N`. Raise it when a rule is added or removed, or changes its
/// severity or what it checks: `tests/versions.rs` holds the catalogue's fingerprint for every
/// version and fails when the catalogue changes under an old one.
pub const RULES_VERSION: &str = "2026.3";

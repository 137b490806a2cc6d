#!/usr/bin/env bash
# One command for a release of the version in Cargo.toml, into target/dist/<version>/:
#   nianbao-check-<v>.tgz                   the npm package (scripts/pack.sh)
#   nianbao-check-<v>-<host triple>.tar.gz  the command line for this platform, with LICENSE
#   nianbao-check-site-<v>/ and .tar.gz     the page as static files, ready for any web server
#   SHA256SUMS, RELEASE-NOTES.md            checksums; the CHANGELOG.md section of this version
# CHANGELOG.md must have a "## <v>" section: when it has none, one is drafted there from the
# commits since the last v* tag, and the release stops so it can be edited and committed first.
# Nothing is published, tagged or pushed. Run scripts/test.sh before releasing.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/wasm-env.sh"
cd "$ROOT"
log() { printf '\n== release: %s\n' "$*"; }

v="$(crate_version)"
rv="$(rules_version)"
out="target/dist/$v"

# 1. The CHANGELOG section comes first: a release without notes is not one.
if ! grep -q "^## $v\b" CHANGELOG.md; then
  last="$(git describe --tags --abbrev=0 --match 'v*' 2>/dev/null || true)"
  commits="$(git log --no-merges --format='- %s' ${last:+"$last"..HEAD})"
  {
    sed -n '1,/^## /{/^## /!p}' CHANGELOG.md
    printf '## %s (rules %s)\n\nDrafted by scripts/release.sh from the commits since %s; edit before committing.\n\n%s\n\n' \
      "$v" "$rv" "${last:-the first commit}" "$commits"
    sed -n '/^## /,$p' CHANGELOG.md
  } >CHANGELOG.md.new
  mv CHANGELOG.md.new CHANGELOG.md
  echo "CHANGELOG.md had no section for $v: drafted one from $(printf '%s\n' "$commits" | grep -c .) commits." >&2
  echo "Edit it, commit it, and run scripts/release.sh again." >&2
  exit 1
fi
if [ -n "$(git status --porcelain --untracked-files=no)" ]; then
  echo "warning: the work tree has uncommitted changes; the release is of $(git describe --always --dirty)" >&2
fi

# 2. Builds: wasm and npm tarball, the native command line.
scripts/setup.sh
scripts/build.sh
scripts/pack.sh
log "cargo build --release (native command line)"
host_cargo build --release --locked --bin nianbao-check
triple="$(rustc -vV | sed -n 's/^host: //p')"

rm -rf "$out"
mkdir -p "$out"
cp "target/npm/nianbao-check-$v.tgz" "$out/"

cli="nianbao-check-$v-$triple"
stage="target/dist/.stage"
rm -rf "$stage" && mkdir -p "$stage/$cli"
cp target/release/nianbao-check LICENSE "$stage/$cli/"
"$stage/$cli/nianbao-check" --version | head -1 | grep -qx "nianbao-check $v" || { echo "release: the binary is not $v" >&2; exit 1; }
tar -czf "$out/$cli.tar.gz" -C "$stage" "$cli"

# 3. The static site: the page and what it loads (sw.js's list), the rule reference, nothing else
#    of www/ (the portal example and the typings are not the page).
site="nianbao-check-site-$v"
mkdir -p "$out/$site/pkg"
for f in index.html style.css report.css app.js i18n.js export.js render.js nianbao-check.js version.js worker.js sw.js \
  rules.html rules.css pkg/nianbao_check.js pkg/nianbao_check_bg.wasm pkg/nianbao_check_word.js pkg/nianbao_check_word_bg.wasm \
  pkg/nianbao_check_pdf.js pkg/nianbao_check_pdf_bg.wasm; do
  cp "www/$f" "$out/$site/$f"
done
cp LICENSE "$out/$site/"
cat >"$out/$site/README.txt" <<EOF
nianbao-check $v (rules $rv): the page, as static files.

Copy this folder to any web server; open index.html. Files never leave the browser: the page
asks for nothing but these files. Serve .js as text/javascript and .wasm as application/wasm.
index.html carries its Content-Security-Policy in a <meta> tag; a server may also send it as a
header (then the module worker gets it too):

  default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; connect-src 'self'; worker-src 'self';
  style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'none'

Over http(s) the page also works offline after its first visit (sw.js); opened as a file:// it
works, but not offline.
EOF
# Every file the page's modules and pages name is in the folder (a file added to www/ and imported
# by the page but not listed above fails here, not on a server).
node - "$out/$site" <<'EOF'
const fs = require('node:fs'), path = require('node:path');
const dir = process.argv[2];
const missing = [];
for (const f of fs.readdirSync(dir)) {
  const text = /\.(js|html)$/.test(f) ? fs.readFileSync(path.join(dir, f), 'utf8') : '';
  const refs = [...text.matchAll(/(?:from\s+|import\s*\(?\s*)['"](\.\/[^'"]+)['"]|(?:src|href)="(?!data:|#|https?:)([^"#]+)"/g)].map((m) => m[1] ?? m[2]);
  const sw = f === 'sw.js' ? [...text.match(/const FILES = \[([\s\S]*?)\]/)[1].matchAll(/'([^']+)'/g)].map((m) => m[1]) : [];
  for (const r of [...refs, ...sw]) if (r !== './' && !fs.existsSync(path.join(dir, r))) missing.push(`${f} → ${r}`);
}
if (missing.length) { console.error(`release: the site misses ${missing.join(', ')}`); process.exit(1); }
EOF
tar -czf "$out/$site.tar.gz" -C "$out" "$site"

# 4. Checksums and notes.
(cd "$out" && sha256sum "nianbao-check-$v.tgz" "$cli.tar.gz" "$site.tar.gz" >SHA256SUMS)
{
  sed -n "/^## $v\b/,/^## /p" CHANGELOG.md | sed '${/^## /d}'
  printf '\nBuilt from %s.\n\n```\n%s\n```\n' "$(git describe --always --dirty)" "$(cat "$out/SHA256SUMS")"
} >"$out/RELEASE-NOTES.md"
rm -rf "$stage"
log "target/dist/$v"
(cd "$out" && ls -l --time-style=+ | sed 1d && cat SHA256SUMS)

"""The inline stylesheet of the HTML briefing.

Kept apart from the markup builder so each file stays readable. The page must
work offline and under a Content-Security-Policy of default-src 'none', so
there are no web fonts, images or scripts: system fonts, plain colours, and a
print stylesheet that drops the screen decoration.
"""

from __future__ import annotations

BRIEFING_CSS = """
:root {
  --text: #1b1b1b;
  --muted: #4a4a4a;
  --background: #ffffff;
  --panel: #f4f5f7;
  --rule: #c9ccd1;
  --accent: #0b57a4;
  --chip: #e3ecf7;
  --conflict: #fff6e5;
  --conflict-rule: #b36b00;
  --highlight: #fff3b0;
  color-scheme: light dark;
}
@media (prefers-color-scheme: dark) {
  :root {
    --text: #ececec;
    --muted: #b8b8b8;
    --background: #15171a;
    --panel: #1f2226;
    --rule: #41464d;
    --accent: #8cc4ff;
    --chip: #24344a;
    --conflict: #2c2416;
    --conflict-rule: #e0a040;
    --highlight: #4a4214;
  }
}
*, *::before, *::after { box-sizing: border-box; }
html { background: var(--background); color: var(--text); }
body {
  margin: 0 auto;
  max-width: 46rem;
  padding: 1.5rem 1rem 3rem;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
  font-size: 1.0625rem;
  line-height: 1.55;
  overflow-wrap: break-word;
}
h1 { font-size: 1.9rem; line-height: 1.2; margin: 0 0 0.4rem; }
h2 { font-size: 1.35rem; margin: 2.2rem 0 0.8rem; padding-bottom: 0.25rem; border-bottom: 1px solid var(--rule); }
h3 { font-size: 1.1rem; margin: 1.4rem 0 0.5rem; }
a { color: var(--accent); }
.meta, .muted { color: var(--muted); }
a.updated { color: var(--muted); font-style: italic; }
.meta { margin: 0; }
ul { padding-left: 1.3rem; }
li { margin: 0.3rem 0; }
q { font-style: italic; }
.cite {
  display: inline-block;
  padding: 0 0.4em;
  border-radius: 0.6em;
  background: var(--chip);
  font-size: 0.8em;
  font-style: normal;
  line-height: 1.5;
  text-decoration: none;
  white-space: nowrap;
}
.cite:hover, .cite:focus { text-decoration: underline; }
.cite.unknown { color: var(--muted); }
.summary p { margin: 0 0 0.6rem; }
.conflict {
  margin: 1rem 0;
  padding: 0.8rem 1rem;
  background: var(--conflict);
  border-left: 4px solid var(--conflict-rule);
  border-radius: 0.3rem;
}
.conflict h3 { margin-top: 0; }
.kind {
  margin-left: 0.4rem;
  font-size: 0.75rem;
  font-weight: 600;
  letter-spacing: 0.04em;
  text-transform: uppercase;
  color: var(--muted);
}
.positions {
  display: grid;
  grid-template-columns: repeat(auto-fit, minmax(13rem, 1fr));
  gap: 0.8rem;
}
.position {
  padding: 0.6rem 0.8rem;
  background: var(--background);
  border: 1px solid var(--rule);
  border-radius: 0.3rem;
}
.value { margin: 0 0 0.4rem; font-size: 1.2rem; font-weight: 700; }
.normalized { font-size: 0.8rem; font-weight: 400; color: var(--muted); }
.position dl { margin: 0 0 0.4rem; font-size: 0.9rem; }
.position dt { font-weight: 600; }
.position dd { margin: 0 0 0.3rem; }
.evidence { margin: 0; padding-left: 1rem; font-size: 0.9rem; }
.speaker { margin-bottom: 0.2rem; }
.timeline { list-style: none; padding-left: 0; }
.timeline time { font-variant-numeric: tabular-nums; font-weight: 600; margin-right: 0.4rem; }
.table-wrap { overflow-x: auto; }
table { width: 100%; border-collapse: collapse; font-size: 0.88rem; }
th, td { padding: 0.35rem 0.5rem; border-bottom: 1px solid var(--rule); text-align: left; vertical-align: top; }
thead th { border-bottom-width: 2px; }
tr:target { background: var(--highlight); }
.path {
  font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace;
  font-size: 0.8rem;
  word-break: break-all;
}
details { margin-top: 0.8rem; padding: 0.5rem 0.8rem; background: var(--panel); border-radius: 0.3rem; }
summary { cursor: pointer; font-weight: 600; }
.reason { color: var(--muted); font-size: 0.85rem; }
.page-footer { margin-top: 3rem; font-size: 0.8rem; color: var(--muted); }
@media print {
  :root {
    --text: #000000;
    --muted: #333333;
    --background: #ffffff;
    --chip: transparent;
    --conflict: transparent;
    --highlight: transparent;
  }
  body { max-width: none; padding: 0; font-size: 11pt; }
  a { color: inherit; text-decoration: none; }
  .cite { padding: 0; }
  .conflict, .position, tr, li { break-inside: avoid; }
  h2, h3 { break-after: avoid; }
  a.external::after { content: " <" attr(href) ">"; font-size: 0.8em; word-break: break-all; }
  details { background: transparent; padding: 0; }
}
""".strip()

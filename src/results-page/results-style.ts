// The result page's additions to the booth style sheet (src/booth-page/assets/booth.css, which
// sets the colours, the bar and the type). Served from here rather than a file so the build has
// nothing to copy; same rules as booth.css: rem sizes, AA contrast, phone first.
export const RESULTS_CSS = `
main { max-width: 52rem; }
.kicker { margin: 1rem 0 0; color: var(--muted-fg); font-weight: 600; }
h1 { margin-top: 0.2rem; overflow-wrap: anywhere; }
h2 { margin-top: 2rem; overflow-wrap: anywhere; }
h3 { font-size: 1.05rem; margin: 1.25rem 0 0.3rem; }
.description { white-space: pre-line; overflow-wrap: anywhere; }
.figures { width: 100%; border-collapse: collapse; margin: 0.5rem 0; font-variant-numeric: tabular-nums; }
.figures th, .figures td { text-align: left; padding: 0.4rem 0.35rem; border-bottom: 1px solid var(--line); vertical-align: baseline; }
.figures thead th { font-size: 0.9rem; color: var(--muted-fg); border-bottom-width: 2px; }
.figures tbody th { font-weight: 400; overflow-wrap: anywhere; }
.figures .num { text-align: right; }
.figures td.num { white-space: nowrap; }
.figures .blank-row th { font-style: italic; }
.figures .total-row th, .figures .total-row td { font-weight: 700; }
.files .path { overflow-wrap: anywhere; font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-size: 0.9rem; }
.chart-figure { margin: 1rem 0 0.5rem; }
.chart { display: block; overflow: visible; font-family: inherit; }
.hash { overflow-wrap: anywhere; word-break: break-all; font-size: 1rem; padding: 0.5rem 0.7rem; background: var(--soft-bg); margin: 0.25rem 0; }
.mono { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; }
.verify { margin-top: 2rem; padding: 0.25rem 1rem 1rem; border: 2px solid var(--accent); border-radius: 0.4rem; }
.verify h2 { margin-top: 0.75rem; }
.verify pre { margin: 0.25rem 0 0.75rem; padding: 0.6rem 0.7rem; background: var(--soft-bg); overflow-x: auto; white-space: pre-wrap; overflow-wrap: anywhere; }
@media (max-width: 30rem) {
  .figures thead th { font-size: 0.8rem; }
  .figures th, .figures td { padding: 0.4rem 0.2rem; }
}
@media print {
  .buttons { display: none; }
  .verify { border-width: 1px; }
}
`;

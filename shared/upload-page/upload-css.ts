/** The upload page's styles, on top of the site's stylesheet (same colours, same focus ring). */
export const UPLOAD_CSS = `.upload-step { margin: 1.5rem 0; }
.form-row { margin: 0.75rem 0; }
.form-row label { display: block; font-weight: 600; }
.form-row input, .form-row select { width: 100%; max-width: 24rem; padding: 0.45rem 0.6rem; font: inherit; border: 1px solid var(--muted); border-radius: 4px; background: #fff; color: var(--fg); }
.hint { font-size: 0.875rem; color: var(--muted); }
button { font: inherit; cursor: pointer; }
.button { display: inline-block; padding: 0.5rem 1.1rem; border: 2px solid var(--accent); border-radius: 4px; background: var(--accent); color: #fff; font-weight: 600; text-decoration: none; }
.button:hover { background: #123f70; border-color: #123f70; color: #fff; }
.button.secondary { background: #fff; color: var(--accent); }
.button.secondary:hover { background: var(--accent-bg); color: #123f70; }
.button:disabled { background: #e4e8ec; border-color: #9aa4ae; color: #3d4650; cursor: not-allowed; }
.signed-in { display: flex; flex-wrap: wrap; align-items: center; gap: 0.5rem 1rem; padding: 0.75rem 1rem; background: var(--accent-bg); border-radius: 4px; }
.dropzone { display: block; margin: 0.75rem 0; padding: 1.5rem 1rem; border: 2px dashed var(--accent); border-radius: 6px; background: #fbfcfe; text-align: center; }
.dropzone.dragover { background: var(--accent-bg); border-style: solid; }
.dropzone input { display: block; margin: 0.75rem auto 0; max-width: 100%; }
.alert { padding: 0.5rem 0.75rem; border-left: 4px solid #a11; background: #fdf1f0; color: #7a0d0d; }
.alert:empty, .status:empty { display: none; }
.status { padding: 0.5rem 0.75rem; border-left: 4px solid var(--accent); background: var(--accent-bg); }
.verdict { font-size: 1.2rem; margin: 1rem 0 0.25rem; }
.verdict.accepted { color: #17612c; }
.verdict.rejected { color: #a11; }
.findings-table td.message { min-width: 16rem; }
.findings-table td.severity, .findings-table td.rule { white-space: nowrap; }
.finding-error td.severity { color: #a11; font-weight: 700; }
.finding-warning td.severity { color: var(--warn); font-weight: 700; }
details.reading { margin: 1rem 0; }
details.reading summary { cursor: pointer; color: var(--accent); font-weight: 600; }
.outcome { font-weight: 600; }
.history-table td, .history-table th { white-space: nowrap; }
#app .table-scroll { position: relative; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
@media (max-width: 40rem) {
  .dropzone { padding: 1rem 0.5rem; }
  .button { width: 100%; text-align: center; }
}
`;

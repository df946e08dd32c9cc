// The timeline webview's page: a strict Content-Security-Policy (nothing from the network, only
// the inline style and script carrying this page's nonce), the theme-bound stylesheet and the
// script. The page holds no data: the view arrives as a message once the script reports its width.
import { webviewScript } from './webviewScript';

/** The page of the timeline (and, with its own `title`, of the sweep chart, which the same script draws). */
export function renderTimelineHtml(nonce: string, cspSource: string, title = 'Failover timeline'): string {
  if (!/^[A-Za-z0-9+/=]+$/.test(nonce)) throw new Error('A nonce is letters, digits, +, / and = only.');
  const csp = ["default-src 'none'", `style-src ${cspSource} 'nonce-${nonce}'`, `script-src 'nonce-${nonce}'`, `img-src ${cspSource} data:`].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeAttribute(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>${escapeAttribute(title)}</title>
<style nonce="${nonce}">${STYLE}</style>
</head>
<body>
<div id="root"><p class="notice" role="status">Simulating…</p></div>
<script nonce="${nonce}">${webviewScript()}</script>
</body>
</html>
`;
}

function escapeAttribute(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

// One colour per target from the theme's chart colours, then the terminal's (also theme-bound);
// red is kept for phones out of service.
const TARGET_COLOURS = [
  'var(--vscode-charts-blue, #3794ff)',
  'var(--vscode-charts-green, #89d185)',
  'var(--vscode-charts-yellow, #cca700)',
  'var(--vscode-charts-orange, #d18616)',
  'var(--vscode-charts-purple, #b180d7)',
  'var(--vscode-terminal-ansiCyan, #11a8cd)',
  'var(--vscode-terminal-ansiMagenta, #bc3fbc)',
  'var(--vscode-terminal-ansiBrightBlue, #3b8eea)',
  'var(--vscode-terminal-ansiBrightGreen, #23d18b)',
  'var(--vscode-terminal-ansiBrightYellow, #f5f543)',
];

const STYLE = `
html { scrollbar-gutter: stable; }
body { font-family: var(--vscode-font-family); font-size: var(--vscode-font-size); color: var(--vscode-foreground); background: var(--vscode-editor-background); padding: 0 16px 24px; }
h1 { font-size: 1.3em; font-weight: 600; margin: 14px 0 4px; overflow-wrap: anywhere; }
h2 { font-size: 1.05em; font-weight: 600; margin: 18px 0 6px; }
.picker { display: flex; gap: 8px; align-items: center; margin: 14px 0 4px; }
select { font: inherit; max-width: 100%; padding: 2px 4px; color: var(--vscode-dropdown-foreground); background: var(--vscode-dropdown-background); border: 1px solid var(--vscode-dropdown-border, transparent); }
.summary { margin: 4px 0 10px; color: var(--vscode-descriptionForeground); }
.notice { padding: 6px 10px; border: 1px solid var(--vscode-inputValidation-warningBorder, var(--vscode-editorWarning-foreground, #cca700)); background: var(--vscode-inputValidation-warningBackground, transparent); }
.chart-box { position: relative; overflow-x: auto; }
svg.chart { display: block; font-size: 11px; user-select: none; }
${TARGET_COLOURS.map((colour, i) => `.c${i} { --colour: ${colour}; }`).join('\n')}
.oos { --colour: var(--vscode-charts-red, #f14c4c); }
.layer { fill: var(--colour); fill-opacity: 0.8; stroke: var(--colour); stroke-width: 0.5; }
.grid { stroke: var(--vscode-charts-lines, rgba(128, 128, 128, 0.35)); shape-rendering: crispEdges; }
.axis, .tick-mark { stroke: var(--vscode-charts-foreground, currentColor); shape-rendering: crispEdges; }
.tick, .axis-title { fill: var(--vscode-charts-foreground, currentColor); }
.event { cursor: pointer; outline: none; }
.event-line { stroke: var(--vscode-charts-foreground, currentColor); stroke-dasharray: 4 3; }
.event-dot { fill: var(--vscode-charts-foreground, currentColor); }
.event-label { fill: var(--vscode-charts-foreground, currentColor); font-weight: 600; }
.event:hover .event-label, .event:focus .event-label { text-decoration: underline; }
.event:focus .event-line { stroke: var(--vscode-focusBorder); stroke-dasharray: none; }
.cursor { stroke: var(--vscode-editorCursor-foreground, var(--vscode-foreground)); pointer-events: none; }
.plot { fill: transparent; outline: none; }
.plot:focus { stroke: var(--vscode-focusBorder); }
.hidden { display: none; }
.tooltip { position: absolute; pointer-events: none; white-space: nowrap; padding: 4px 8px; color: var(--vscode-editorHoverWidget-foreground, var(--vscode-foreground)); background: var(--vscode-editorHoverWidget-background); border: 1px solid var(--vscode-editorHoverWidget-border); }
.tooltip-time { display: block; font-weight: 600; margin-bottom: 2px; }
.tooltip-row { display: flex; gap: 8px; align-items: center; }
.tooltip-row .number { margin-left: auto; padding-left: 12px; }
.tooltip-total { border-top: 1px solid var(--vscode-editorHoverWidget-border); margin-top: 2px; }
.swatch { display: inline-block; flex: none; width: 10px; height: 10px; margin-right: 6px; background: var(--colour); }
.swatch.none { background: transparent; border: 1px solid var(--vscode-charts-lines, rgba(128, 128, 128, 0.5)); box-sizing: border-box; }
.table-box { overflow-x: auto; margin: 18px 0 0; }
table { border-collapse: collapse; }
caption { text-align: left; font-weight: 600; padding-bottom: 6px; }
th, td { padding: 3px 12px 3px 0; text-align: left; white-space: nowrap; border-bottom: 1px solid var(--vscode-editorWidget-border, rgba(128, 128, 128, 0.35)); }
th { font-weight: 600; }
.number { text-align: right; padding-left: 16px; font-variant-numeric: tabular-nums; }
.over { color: var(--vscode-errorForeground); font-weight: 600; }
.expectations { list-style: none; margin: 0; padding: 0; }
.expectations li { display: flex; gap: 8px; padding: 2px 4px; cursor: pointer; }
.expectations li:hover, .expectations li:focus { background: var(--vscode-list-hoverBackground); }
.passed .mark { color: var(--vscode-testing-iconPassed, var(--vscode-charts-green, #89d185)); }
.failed .mark { color: var(--vscode-testing-iconFailed, var(--vscode-charts-red, #f14c4c)); }
.expectations .line { margin-left: auto; color: var(--vscode-descriptionForeground); }
.empty { color: var(--vscode-descriptionForeground); }
.series { fill: none; stroke: var(--colour); stroke-width: 1.5; }
.run.pass { fill: var(--vscode-testing-iconPassed, var(--vscode-charts-green, #89d185)); }
.run.fail { fill: var(--vscode-editor-background); stroke: var(--vscode-testing-iconFailed, var(--vscode-charts-red, #f14c4c)); stroke-width: 1.5; }
.run.invalid { fill: var(--vscode-descriptionForeground); font-weight: 600; }
.cell { text-align: center; }
.cell.pass { background: color-mix(in srgb, var(--vscode-testing-iconPassed, #89d185) 35%, transparent); }
.cell.fail { background: color-mix(in srgb, var(--vscode-testing-iconFailed, #f14c4c) 35%, transparent); }
.cell.invalid, .cell.pending { color: var(--vscode-descriptionForeground); font-style: italic; }
:focus-visible { outline: 1px solid var(--vscode-focusBorder); }
`;

import { describe, expect, it } from 'vitest';
import { renderTimelineHtml } from '../../client/src/timeline/html';

const NONCE = 'bm9uY2Utb2YtdGhlLXRlc3Q=';
const CSP_SOURCE = 'https://*.vscode-cdn.net';

describe('timeline page', () => {
  const html = renderTimelineHtml(NONCE, CSP_SOURCE);

  it('has a strict Content-Security-Policy: nothing by default, style and script only with the nonce', () => {
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html)?.[1];
    expect(csp).toBe(`default-src 'none'; style-src ${CSP_SOURCE} 'nonce-${NONCE}'; script-src 'nonce-${NONCE}'; img-src ${CSP_SOURCE} data:`);
    expect(html).not.toContain('unsafe-inline');
    expect(html).not.toContain('unsafe-eval');
  });

  it('carries the nonce on its only style and its only script, and loads nothing', () => {
    expect(html.match(/<style[^>]*>/g)).toEqual([`<style nonce="${NONCE}">`]);
    expect(html.match(/<script[^>]*>/g)).toEqual([`<script nonce="${NONCE}">`]);
    expect(html).not.toMatch(/\s(src|href)=/);
    expect(html).not.toMatch(/\sstyle="/);
  });

  it('never parses markup in its script', () => {
    const script = /<script[^>]*>([\s\S]*)<\/script>/.exec(html)![1]!;
    expect(script).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval\(|new Function/);
    expect(script).toContain('textContent');
  });

  it('colours the chart from the theme', () => {
    expect(html).toContain('.c0 { --colour: var(--vscode-charts-blue');
    expect(html).toContain('.oos { --colour: var(--vscode-charts-red');
    expect(html).toContain('var(--vscode-editor-background)');
  });

  it('refuses a nonce that could break out of its attribute', () => {
    expect(() => renderTimelineHtml('x" onload="alert(1)', CSP_SOURCE)).toThrow();
  });
});

describe('sweep chart page', () => {
  const html = renderTimelineHtml(NONCE, CSP_SOURCE, 'Failover sweep');
  it('is the timeline page (same CSP and nonce) with its own title and the pass/fail colours of the theme', () => {
    expect(html).toContain('<title>Failover sweep</title>');
    expect(html).toContain(`script-src 'nonce-${NONCE}'`);
    expect(html).toContain('.run.pass { fill: var(--vscode-testing-iconPassed');
    expect(html).toContain('.cell.fail { background: color-mix(in srgb, var(--vscode-testing-iconFailed');
  });
});

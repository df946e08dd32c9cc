import { describe, expect, it } from 'vitest';
import { foldingRanges } from '../../server/src/lsp/features/folding';
import { featureWorkspace } from '../support/featureHarness';

/** The folding ranges of a one-file workspace as `first-last kind: first line`, lines 1-based. */
function folds(text: string): string[] {
  const ws = featureWorkspace({ 'main.failover': text });
  const lines = ws.text('main.failover').split('\n');
  return foldingRanges(ws.file('main.failover')).map((r) => `${r.startLine + 1}-${r.endLine + 1} ${r.kind}: ${lines[r.startLine]!.trim()}`);
}

describe('folding', () => {
  it("folds every block over several lines (settings, definitions, scenarios, a scenario's settings), not those on one line", () => {
    const text = `settings {
  keepalive 30s
}
callmanager CM1 { capacity 2500 }
callmanager CM2 {
  capacity 2500
}
group G { CM1, CM2 }
pool HQ {
  group G
  phones 100
}
scenario "crash" {
  settings {
    tcp-retry 20s
  }
  settings { keepalive 10s }
  at 1m crash CM1
}
`;
    expect(folds(text)).toEqual([
      '1-3 region: settings {',
      '5-7 region: callmanager CM2 {',
      '9-12 region: pool HQ {',
      '13-19 region: scenario "crash" {',
      '14-16 region: settings {',
    ]);
  });

  it('folds a run of whole-line comments, not a lone comment nor comments after code', () => {
    const text = `settings { keepalive 30s }
# The HQ cluster:
# two servers.
callmanager CM1   # primary
callmanager CM2   # secondary

# A lone comment.
group G { CM1, CM2 }
# A run that ends
# the file.
`;
    expect(folds(text)).toEqual(['2-3 comment: # The HQ cluster:', '9-10 comment: # A run that ends']);
  });

  it('folds a run of comment lines separated by a blank line as two runs', () => {
    const text = `callmanager CM1
# one
# two

# three
# four
callmanager CM2
`;
    expect(folds(text)).toEqual(['2-3 comment: # one', '5-6 comment: # three']);
  });

  it('folds a run of comments that opens the file', () => {
    const text = `# Headquarters:
# two servers.
callmanager CM1
`;
    expect(folds(text)).toEqual(['1-2 comment: # Headquarters:']);
  });
});

// Per-scenario isolation through the CLI (PRODUCT.md, "One broken scenario does not stop the
// others"): `simulate` prints the scenarios that run and names each stopped one with its error on
// stderr; `lint` runs them too, on one core or several.
import { describe, expect, it } from 'vitest';
import { runCli, scratch } from '../support/cli';

// CM1 carries HQ's 10 phones; when it crashes they move to CM2 (capacity 5): 5 register, 5 are
// turned away (capacity-exceeded, and no-service at the end).
const TOPOLOGY = `callmanager CM1
callmanager CM2 { capacity 5 }
group G { CM1, CM2 }
pool HQ { group G phones 10 }
`;

const SCENARIOS = `import "topology.failover"

scenario "holds" {
  at 1m stop CM1
  at 1m expect HQ on unregistered
}

scenario "typo" {
  at 1m stop CM9
}

scenario "fails" {
  at 1m crash CM1
  at 10m expect HQ on CM2
}
`;

const root = scratch({ 'topology.failover': TOPOLOGY, 'scenarios.failover': SCENARIOS });

/** `line code` of each diagnostic of the first file of `lint --format json`. */
function lintCodes(args: string[], cwd = root): { code: number | null; codes: string[] } {
  const result = runCli(['lint', '--format', 'json', ...args], cwd);
  const files = JSON.parse(result.stdout) as { file: string; diagnostics: { line: number; code: string }[] }[];
  return { code: result.code, codes: files.flatMap((f) => f.diagnostics.map((d) => `${f.file}:${d.line} ${d.code}`)) };
}

describe('failover simulate with a broken scenario', () => {
  it('prints the others, names the stopped one with its error on stderr, and exits 1', () => {
    const result = runCli(['simulate', 'scenarios.failover'], root);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('Scenario "holds" (line 3)');
    expect(result.stdout).toContain('Scenario "fails" (line 12)');
    expect(result.stdout).not.toContain('"typo"');
    expect(result.stderr).toMatch(
      /^failover: scenarios.failover: scenario "typo" has errors and was not simulated \(first: scenarios.failover:9:14 Unknown callmanager or srst router `CM9`[^\n]*\)\n$/,
    );
  });

  it('--format json holds the scenarios that ran', () => {
    const result = runCli(['simulate', '--format', 'json', 'scenarios.failover'], root);
    expect(result.code).toBe(1);
    expect((JSON.parse(result.stdout) as { scenarios: { name: string }[] }).scenarios.map((s) => s.name)).toEqual(['holds', 'fails']);
  });

  it('--scenario of the stopped one: exit 1 with the reason, nothing on stdout', () => {
    const result = runCli(['simulate', '--scenario', 'typo', 'scenarios.failover'], root);
    expect(result).toMatchObject({ code: 1, stdout: '' });
    expect(result.stderr).toMatch(/^failover: scenarios.failover: scenario "typo" has errors and was not simulated \(first: scenarios.failover:9:14 /);
    expect(runCli(['simulate', '--scenario', 'holds', 'scenarios.failover'], root)).toMatchObject({ code: 0, stderr: '' });
  });

  it('an error in a definition still stops every scenario of the file', () => {
    const broken = scratch({ 'topology.failover': `${TOPOLOGY}pool BR { group NOPE phones 1 }\n`, 'scenarios.failover': SCENARIOS });
    const result = runCli(['simulate', 'scenarios.failover'], broken);
    expect(result).toMatchObject({ code: 1, stdout: '' });
    expect(result.stderr).toMatch(
      /^failover: scenarios.failover has errors and was not simulated; run `failover lint` to see them \(first: topology.failover:5:17 /,
    );
  });
});

describe('failover lint with a broken scenario', () => {
  it("runs the other scenarios: their findings and failed expectations are reported beside the typo's error", () => {
    const { code, codes } = lintCodes(['scenarios.failover']);
    expect(code).toBe(1);
    expect(codes).toEqual([
      'scenarios.failover:4 capacity-exceeded',
      'scenarios.failover:4 no-service',
      'scenarios.failover:9 unknown-reference',
      'scenarios.failover:13 capacity-exceeded',
      'scenarios.failover:13 no-service',
      'scenarios.failover:14 expectation-failed',
      // The single-failure check depends only on the topology: the typo does not stop it.
      'topology.failover:1 single-failure-risk',
    ]);
  });

  it('gives the same report on several cores', () => {
    const files: Record<string, string> = { 'topology.failover': TOPOLOGY };
    for (let i = 1; i <= 4; i++) files[`site${i}.failover`] = SCENARIOS;
    const many = scratch(files);
    const one = runCli(['lint', '--jobs', '1', '--format', 'json', '.'], many);
    const three = runCli(['lint', '--jobs', '3', '--format', 'json', '.'], many);
    expect(three.stdout).toBe(one.stdout);
    expect(lintCodes(['--jobs', '3', '.'], many).codes.filter((c) => c.endsWith('expectation-failed'))).toHaveLength(4);
  });
});

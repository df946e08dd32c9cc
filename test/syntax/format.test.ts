// The formatter against LANGUAGE.md's "Formatting" section: one canonical layout per construct,
// idempotent, every comment and single blank lines kept, and the syntax tree unchanged (ranges
// aside). Every case and every `.failover` file under samples/ and test/ goes through the same checks.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SourceFile } from '../../server/src/core/syntax/ast';
import { formatRange, formatText } from '../../server/src/core/syntax/format';
import { parse } from '../../server/src/core/syntax/parser';
import { failoverLexer } from '../../server/src/core/syntax/tokens';

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

/** A fixture written indented inside the test: drops the first line break and the common indentation. */
function text(strings: TemplateStringsArray): string {
  const lines = strings[0]!
    .replace(/^\n/, '')
    .replace(/\n[ ]*$/, '\n')
    .split('\n');
  const indents = lines.filter((line) => line.trim() !== '').map((line) => /^ */.exec(line)![0].length);
  const common = indents.length > 0 ? Math.min(...indents) : 0;
  return lines.map((line) => line.slice(common)).join('\n');
}

function format(input: string): string {
  const result = formatText(input);
  if ('error' in result) throw new Error(`formatText refused: ${result.error}`);
  return result.text;
}

const RANGE_FIELDS = new Set(['range', 'keyRange', 'keywordRange', 'actionRange']);

/**
 * A deep copy of the tree without any offsets. The formatter trims trailing whitespace from
 * comments, so documentation (built from comment lines) is compared without it too.
 */
function stripRanges(value: unknown, key = ''): unknown {
  if (Array.isArray(value)) return value.map((element) => stripRanges(element));
  if (key === 'doc' && typeof value === 'string')
    return value
      .split('\n')
      .map((line) => line.trimEnd())
      .join('\n');
  if (value === null || typeof value !== 'object') return value;
  const copy: Record<string, unknown> = {};
  for (const [field, child] of Object.entries(value)) {
    if (!RANGE_FIELDS.has(field)) copy[field] = stripRanges(child, field);
  }
  return copy;
}

function shapeOf(file: SourceFile): unknown {
  return { imports: stripRanges(file.imports), items: stripRanges(file.items) };
}

/** Formatting keeps the tree, keeps every comment's text in order, and a second pass changes nothing. */
function checkInvariants(input: string): string {
  const before = parse(input);
  expect(before.errors).toEqual([]);
  const once = format(input);
  const after = parse(once);
  expect(after.errors).toEqual([]);
  expect(shapeOf(after.file)).toEqual(shapeOf(before.file));
  expect(after.file.comments.map((c) => c.text)).toEqual(before.file.comments.map((c) => c.text.trimEnd()));
  expect(format(once)).toBe(once);
  expect(once).not.toMatch(/[ \t]$/m);
  expect(once).not.toMatch(/\r/);
  expect(once === '' || (once.endsWith('\n') && !once.endsWith('\n\n'))).toBe(true);
  return once;
}

function check(input: string, expected: string): void {
  expect(checkInvariants(input)).toBe(expected);
  expect(checkInvariants(expected)).toBe(expected);
}

function failoverFilesUnder(directory: string): string[] {
  let entries: string[];
  try {
    entries = readdirSync(directory);
  } catch {
    return [];
  }
  return entries.flatMap((entry) => {
    const path = join(directory, entry);
    if (statSync(path).isDirectory()) return failoverFilesUnder(path);
    return entry.endsWith('.failover') ? [path] : [];
  });
}

// ---------------------------------------------------------------------------------------------
// Fixtures: LANGUAGE.md's example, and a file exercising every construct and comment position.
// ---------------------------------------------------------------------------------------------

const TOPOLOGY = text`
  # topology.failover — shared by every scenario file
  settings {
    keepalive 30s              # StationKeepAliveInterval
    fallback-queue-depth 10    # MaxPhonesFallBackQueueDepth
  }

  callmanager CM1 { capacity 2500 }
  callmanager CM2 { capacity 2500 registration-rate 125 }
  callmanager CM3
  srst BR1-RTR { capacity 48 }

  group HQ-GROUP { CM1, CM2, CM3 }    # priority order: primary, secondary, tertiary
  group BR-GROUP { CM2, CM1 }

  pool HQ { group HQ-GROUP phones 1200 }
  pool BRANCH1 {
    group BR-GROUP
    srst BR1-RTR
    phones 40
    connection-monitor 60s
  }
`;

const OUTAGES = text`
  # outages.failover
  import "topology.failover"

  scenario "CM1 crash at peak" {
    at 0s   calls HQ 30% lasting 10m
    at 1m   crash CM1
    at 20m  recover CM1
    at 5m   expect HQ on CM2 >= 800
    at 40m  expect HQ on CM1 == all
    expect outage HQ <= 5m
    expect peak CM2 <= 2500
    expect settled by 45m
  }

  scenario "Branch WAN cut" {
    settings { tcp-retry 20s }              # what-if override for this scenario only
    at 10s  isolate BRANCH1
    at 15m  reconnect BRANCH1
    at 2m   expect BRANCH1 on BR1-RTR == all
    at 20m  expect BRANCH1 on CM2 == all
  }
`;

const MESSY = [
  '\uFEFF\r\n\r\n# head  \r\nimport\t"a.failover"   import "b \\"quoted\\".failover"\r\n\r\n\r\n',
  'settings{keepalive 30s missed-keepalives 5 tcp-retry 20s reset-time 1m registration-rate 50 fallback-queue-depth 4 connection-monitor 00}\n',
  '## CM1 documentation\n# second line\t\ncallmanager\tCM1{}  callmanager CM2 {capacity 1_200 # c\n}\n',
  'srst R1 srst R2{ capacity 10 registration-rate 2 }\n',
  'group G {A,B,} # t\ngroup H {\n  A, # first\n  B,\n}\n',
  'pool\n# inside the header\nP { group G phones 10 }\n',
  'pool Q { group H srst R1 phones 1_000 connection-monitor 1m30s }\n\n',
  'scenario "s" {\n\n  at 5m # odd place\n   crash CM1\n  settings {tcp-retry 20s}\n  at 30s1m stop CM2\n  at 0 hang CM1\n',
  '  at 2h recover CM1 at 10s isolate P at 20s reconnect P at 1m reset P\n  at 0s calls Q 30% lasting 10m\n  at 5m expect P on unregistered\n',
  '  at 5m expect Q on R1 != none\n  at 5m expect Q on CM2 < 12\n  expect outage P <= 5m\n  expect peak CM1 > 1\n  expect settled by 45m\n\n\n  # end\n\n}\n# eof   \n',
].join('');

const FIXTURES: Record<string, string> = { 'LANGUAGE.md topology': TOPOLOGY, 'LANGUAGE.md outages': OUTAGES, 'messy file': MESSY };

// ---------------------------------------------------------------------------------------------
// Layout of each construct
// ---------------------------------------------------------------------------------------------

describe('imports', () => {
  it('puts one import per line, strings exactly as written', () => {
    check('import   "a.failover" import "b \\"c\\".failover"\n', 'import "a.failover"\nimport "b \\"c\\".failover"\n');
  });

  it('keeps zero or one blank line between imports and items', () => {
    check('import "a.failover"\ncallmanager CM1\n', 'import "a.failover"\ncallmanager CM1\n');
    check('import "a.failover"\n\n\n\ncallmanager CM1\n', 'import "a.failover"\n\ncallmanager CM1\n');
  });
});

describe('settings', () => {
  it('keeps a block of up to two settings on one line', () => {
    check('settings {\n  keepalive 30s\n  missed-keepalives 5\n}\n', 'settings { keepalive 30s missed-keepalives 5 }\n');
    check('settings{tcp-retry 20s}', 'settings { tcp-retry 20s }\n');
  });

  it('puts three or more settings one per line', () => {
    check(
      'settings { keepalive 30s missed-keepalives 5 reset-time 2m }',
      text`
        settings {
          keepalive 30s
          missed-keepalives 5
          reset-time 2m
        }
      `,
    );
  });

  it('writes an empty block as {}', () => {
    check('settings {\n\n}\n', 'settings {}\n');
  });
});

describe('callmanager and srst', () => {
  it('stays a single line without braces', () => {
    check('callmanager   CM1\nsrst\tBR1', 'callmanager CM1\nsrst BR1\n');
  });

  it('drops empty braces', () => {
    check('callmanager CM1 { }\nsrst BR1 {}\n', 'callmanager CM1\nsrst BR1\n');
  });

  it('puts up to two properties on one line', () => {
    check('callmanager CM1 {\n  capacity 2500\n}\n', 'callmanager CM1 { capacity 2500 }\n');
    check('callmanager CM2 {capacity 2500 registration-rate 125}', 'callmanager CM2 { capacity 2500 registration-rate 125 }\n');
    check('srst BR1 { capacity 48 registration-rate 5 }', 'srst BR1 { capacity 48 registration-rate 5 }\n');
  });

  it('puts three properties one per line', () => {
    check(
      'callmanager CM1 { capacity 2500 registration-rate 125 fallback-queue-depth 4 }',
      text`
        callmanager CM1 {
          capacity 2500
          registration-rate 125
          fallback-queue-depth 4
        }
      `,
    );
  });

  it('goes one property per line when the line would pass 80 columns', () => {
    const name = `CM-${'x'.repeat(50)}`; // "callmanager " + 53 + " { capacity 2500 registration-rate 125 }" = 104 columns
    check(`callmanager ${name} { capacity 2500 registration-rate 125 }`, `callmanager ${name} {\n  capacity 2500\n  registration-rate 125\n}\n`);
  });
});

describe('groups', () => {
  it('lists the members on one line and drops the trailing comma', () => {
    check('group HQ-GROUP {\n  CM1,\n  CM2,\n  CM3,\n}\n', 'group HQ-GROUP { CM1, CM2, CM3 }\n');
    check('group G{CM1,CM2}', 'group G { CM1, CM2 }\n');
    check('group G { CM1 , CM2 , }', 'group G { CM1, CM2 }\n');
  });

  it('puts one member per line when a comment is inside the braces', () => {
    check(
      'group G { CM1, # primary\n CM2, CM3, # tertiary\n}',
      text`
        group G {
          CM1,  # primary
          CM2,
          CM3   # tertiary
        }
      `,
    );
  });
});

describe('pools', () => {
  it('keeps up to two properties on one line, like callmanager and srst', () => {
    check('pool HQ { group HQ-GROUP phones 1200 }', 'pool HQ { group HQ-GROUP phones 1200 }\n');
    check('pool HQ {\n  group HQ-GROUP\n  phones 1200\n}\n', 'pool HQ { group HQ-GROUP phones 1200 }\n');
  });

  it('puts three or more properties one per line, even when written on one line', () => {
    check(
      'pool BRANCH1 {\n\tgroup BR-GROUP srst BR1-RTR\n\tphones 40 connection-monitor 60s }',
      text`
        pool BRANCH1 {
          group BR-GROUP
          srst BR1-RTR
          phones 40
          connection-monitor 60s
        }
      `,
    );
  });

  it('writes an empty pool as {}', () => {
    check('pool P {\n}', 'pool P {}\n');
  });
});

describe('scenarios', () => {
  it('puts every step form on its own line, numbers exactly as written', () => {
    check(
      'scenario "every step" { at 1m stop CM1 at 1m30s crash CM1 at 0 hang CM2 at 00 recover CM2 ' +
        'at 10s isolate P at 30s1m reconnect P at 2h reset P at 0s calls P 30% lasting 10m at 1s calls P 1_200 lasting 250ms ' +
        'at 1s calls P all lasting 1m at 1s calls P none lasting 1m at 5m expect P on X >= 800 at 5m expect P on unregistered ' +
        'at 5m expect P on X at 5m expect P on X != none at 5m expect P on X < 10% at 5m expect P on X > 1 at 5m expect P on X <= 2 ' +
        'at 5m expect P on X == all expect outage P <= 5m expect peak X <= 2500 expect settled by 45m }',
      text`
        scenario "every step" {
          at 1m     stop CM1
          at 1m30s  crash CM1
          at 0      hang CM2
          at 00     recover CM2
          at 10s    isolate P
          at 30s1m  reconnect P
          at 2h     reset P
          at 0s     calls P 30% lasting 10m
          at 1s     calls P 1_200 lasting 250ms
          at 1s     calls P all lasting 1m
          at 1s     calls P none lasting 1m
          at 5m     expect P on X >= 800
          at 5m     expect P on unregistered
          at 5m     expect P on X
          at 5m     expect P on X != none
          at 5m     expect P on X < 10%
          at 5m     expect P on X > 1
          at 5m     expect P on X <= 2
          at 5m     expect P on X == all
          expect outage P <= 5m
          expect peak X <= 2500
          expect settled by 45m
        }
      `,
    );
  });

  it('joins a step written over several lines, and lays out the `at` column afresh', () => {
    check(
      'scenario "s" {\n  at 0s calls\n HQ\n 30%\n lasting 10m\n  at 20m        recover CM1\n}',
      'scenario "s" {\n  at 0s   calls HQ 30% lasting 10m\n  at 20m  recover CM1\n}\n',
    );
  });

  it('indents scenario settings, compact or not', () => {
    check(
      'scenario "s" {\nsettings {tcp-retry 20s}\nsettings { keepalive 10s missed-keepalives 2 reset-time 1m }\nat 1m crash CM1\n}',
      text`
        scenario "s" {
          settings { tcp-retry 20s }
          settings {
            keepalive 10s
            missed-keepalives 2
            reset-time 1m
          }
          at 1m  crash CM1
        }
      `,
    );
  });

  it('writes an empty scenario as {}', () => {
    check('scenario "nothing yet" {\n\n}\n', 'scenario "nothing yet" {}\n');
  });
});

// ---------------------------------------------------------------------------------------------
// Comments
// ---------------------------------------------------------------------------------------------

describe('comments', () => {
  it('keeps documentation comments directly above their item', () => {
    const input = '## Primary\n#   publisher   \ncallmanager CM1\n\n# not documentation\n\ncallmanager CM2\n';
    check(input, '## Primary\n#   publisher\ncallmanager CM1\n\n# not documentation\n\ncallmanager CM2\n');
    const items = parse(format(input)).file.items;
    expect(items.map((item) => ('doc' in item ? item.doc : undefined))).toEqual(['Primary\n  publisher', undefined]);
  });

  it('keeps end-of-line comments at the end of their line, two spaces before a lone one', () => {
    check(
      'callmanager CM1      # publisher\n\ncallmanager CM2 { capacity 10 }\t# subscriber',
      'callmanager CM1  # publisher\n\ncallmanager CM2 { capacity 10 }  # subscriber\n',
    );
    check('import "a.failover"# shared', 'import "a.failover"  # shared\n');
  });

  it('re-indents own-line comments to their block level', () => {
    check(
      'pool P {\n# the group\n      group G\n phones 10\n        # last\n}\n',
      text`
        pool P {
          # the group
          group G
          phones 10
          # last
        }
      `,
    );
  });

  it('keeps comments after an opening brace and on the closing brace', () => {
    check(
      'scenario "s" { # steps follow\n at 1m crash CM1 } # done',
      text`
        scenario "s" {  # steps follow
          at 1m  crash CM1
        }  # done
      `,
    );
  });

  it('opens a compact block that holds a comment', () => {
    check(
      'callmanager CM1 { capacity 2500 # licensed\n}\nsettings { tcp-retry 20s # shorter\n}',
      text`
        callmanager CM1 {
          capacity 2500  # licensed
        }
        settings {
          tcp-retry 20s  # shorter
        }
      `,
    );
    check('callmanager CM1 {\n  # nothing yet\n}', 'callmanager CM1 {\n  # nothing yet\n}\n');
    check('scenario "s" {\n  # to do\n}', 'scenario "s" {\n  # to do\n}\n');
  });

  it('keeps a comment that sits inside a construct next to its token, and continues the construct indented', () => {
    check(
      'scenario "s" {\n  at 5m # odd place\n  crash CM1\n  at 6m\n  # own line\n  recover CM1\n}',
      text`
        scenario "s" {
          at 5m  # odd place
            crash CM1
          at 6m
            # own line
            recover CM1
        }
      `,
    );
  });

  it('does not turn a comment inside a header into documentation', () => {
    const input = '# doc\npool\n# inside\nP { group G phones 1 }';
    check(
      input,
      text`
        # doc
        pool
          # inside
          P { group G phones 1 }
      `,
    );
    expect(parse(format(input)).file.items[0]).toMatchObject({ doc: 'doc' });
  });

  it('keeps comments at the end of the file', () => {
    check('callmanager CM1\n\n\n# trailing note   \n# second\n\n\n', 'callmanager CM1\n\n# trailing note\n# second\n');
  });

  it('formats a file of only comments', () => {
    check('   # one\n\n\n\t# two\n', '# one\n\n# two\n');
  });

  it('keeps comment text exactly, tabs and # marks included', () => {
    check('#\tTab inside ## and # marks "quotes" { }\ncallmanager CM1', '#\tTab inside ## and # marks "quotes" { }\ncallmanager CM1\n');
  });
});

// ---------------------------------------------------------------------------------------------
// Alignment: the `at` column and end-of-line comments
// ---------------------------------------------------------------------------------------------

describe('`at` column', () => {
  it("pads the time to the scenario's longest time text plus two spaces", () => {
    check(
      'scenario "s" { at 0s calls HQ 30% lasting 10m at 1m crash CM1 at 20m recover CM1 at 1m30s expect HQ on CM1 }',
      text`
        scenario "s" {
          at 0s     calls HQ 30% lasting 10m
          at 1m     crash CM1
          at 20m    recover CM1
          at 1m30s  expect HQ on CM1
        }
      `,
    );
  });

  it('puts two spaces after the time when the times have one length, or there is a single `at`', () => {
    check('scenario "s" { at 1m crash CM1 at 5m recover CM1 }', 'scenario "s" {\n  at 1m  crash CM1\n  at 5m  recover CM1\n}\n');
    check('scenario "s" {\n  at    1m crash CM1\n}', 'scenario "s" {\n  at 1m  crash CM1\n}\n');
    check('scenario "s" { at 0 crash CM1 }', 'scenario "s" {\n  at 0  crash CM1\n}\n');
  });

  it('leaves settings blocks and `expect outage|peak|settled` unpadded', () => {
    check(
      'scenario "s" { settings { tcp-retry 20s } expect outage P <= 5m at 10s isolate P at 2m expect P on R == all ' +
        'settings { keepalive 10s missed-keepalives 2 reset-time 1m } expect peak CM1 <= 10 expect settled by 45m }',
      text`
        scenario "s" {
          settings { tcp-retry 20s }
          expect outage P <= 5m
          at 10s  isolate P
          at 2m   expect P on R == all
          settings {
            keepalive 10s
            missed-keepalives 2
            reset-time 1m
          }
          expect peak CM1 <= 10
          expect settled by 45m
        }
      `,
    );
  });

  it('gives each scenario its own column', () => {
    check(
      'scenario "a" { at 1m crash CM1 at 1h30m recover CM1 }\nscenario "b" { at 1m crash CM1 at 20m recover CM1 }',
      text`
        scenario "a" {
          at 1m     crash CM1
          at 1h30m  recover CM1
        }
        scenario "b" {
          at 1m   crash CM1
          at 20m  recover CM1
        }
      `,
    );
  });

  it('leaves a step split by a comment between its `at` and what follows the time unpadded, out of the column', () => {
    check(
      'scenario "s" {\n  at 1m crash CM1\n  at 1m30s # slower\n  recover CM1\n  at # when?\n  20m30s stop CM1\n  at 10m reset P\n}',
      text`
        scenario "s" {
          at 1m   crash CM1
          at 1m30s  # slower
            recover CM1
          at  # when?
            20m30s stop CM1
          at 10m  reset P
        }
      `,
    );
  });

  it('counts the column across blank lines and comments of the scenario', () => {
    check(
      'scenario "s" {\n  at 0s crash CM1\n\n  # later\n  at 1h30m recover CM1\n}',
      text`
        scenario "s" {
          at 0s     crash CM1

          # later
          at 1h30m  recover CM1
        }
      `,
    );
  });
});

describe('end-of-line comment alignment', () => {
  it('aligns the comments of consecutive lines two spaces after the longest code', () => {
    check(
      'settings {\n  keepalive 30s # StationKeepAliveInterval\n  fallback-queue-depth 10      # MaxPhonesFallBackQueueDepth\n  tcp-retry 20s#short\n}',
      text`
        settings {
          keepalive 30s            # StationKeepAliveInterval
          fallback-queue-depth 10  # MaxPhonesFallBackQueueDepth
          tcp-retry 20s            #short
        }
      `,
    );
  });

  it('puts exactly two spaces before a lone end-of-line comment', () => {
    check('callmanager CM1# primary\n', 'callmanager CM1  # primary\n');
    check('callmanager CM1                       # primary\n', 'callmanager CM1  # primary\n');
  });

  it('aligns across lines without a comment, which do not widen the run', () => {
    check(
      'pool P {\n  group G # its group\n  connection-monitor 60s\n  phones 10 # all of them\n}',
      text`
        pool P {
          group G    # its group
          connection-monitor 60s
          phones 10  # all of them
        }
      `,
    );
  });

  it('starts a new run after a blank line or a comment-only line', () => {
    check(
      'callmanager CM1 # a\ncallmanager CM22 # b\n\ncallmanager CM333 # c\n# note\ncallmanager CM4 { capacity 10 } # d\ncallmanager CM5 # e\n',
      text`
        callmanager CM1   # a
        callmanager CM22  # b

        callmanager CM333  # c
        # note
        callmanager CM4 { capacity 10 }  # d
        callmanager CM5                  # e
      `,
    );
  });

  it('aligns each block level on its own', () => {
    check(
      'callmanager CM1 # primary\ncallmanager CM2 { capacity 2500 } # secondary\npool P { # the pool\ngroup G # its group\nphones 10\nsrst R # fallback\n} # end of P\ncallmanager CM3 # tertiary\n',
      text`
        callmanager CM1                    # primary
        callmanager CM2 { capacity 2500 }  # secondary
        pool P {                           # the pool
          group G  # its group
          phones 10
          srst R   # fallback
        }                # end of P
        callmanager CM3  # tertiary
      `,
    );
    check(
      'scenario "s" { # overrides first\n settings { keepalive 10s # fast\n missed-keepalives 2\n reset-time 1m # quick\n } # end of settings\n at 1m crash CM1 # first\n at 20m recover CM1 # back\n expect settled by 45m\n}',
      text`
        scenario "s" {  # overrides first
          settings {
            keepalive 10s  # fast
            missed-keepalives 2
            reset-time 1m  # quick
          }                    # end of settings
          at 1m   crash CM1    # first
          at 20m  recover CM1  # back
          expect settled by 45m
        }
      `,
    );
  });

  it("keeps a construct's continuation line, one level deeper, out of the run", () => {
    check(
      'scenario "s" {\n  at 5m crash CM1 # a\n  at 6m # b\n  recover CM1 # c\n  at 10m stop CM2 # d\n}',
      text`
        scenario "s" {
          at 5m   crash CM1  # a
          at 6m              # b
            recover CM1  # c
          at 10m  stop CM2  # d
        }
      `,
    );
  });

  it('does not depend on the spaces in the source, line breaks and comments aside', () => {
    // Every gap between tokens and comments gets random spaces and tabs; the line breaks stay.
    const spaces = ['', ' ', '  ', '\t', '      ', ' \t '];
    for (const fixture of Object.values(FIXTURES)) {
      const lexed = failoverLexer.tokenize(fixture);
      const elements = [...lexed.tokens, ...(lexed.groups['comments'] ?? [])].sort((a, b) => a.startOffset - b.startOffset);
      const expected = format(fixture);
      fc.assert(
        fc.property(fc.array(fc.integer({ min: 0, max: spaces.length - 1 }), { minLength: elements.length, maxLength: elements.length }), (choices) => {
          let respaced = '';
          let previousEnd = 0;
          elements.forEach((element, i) => {
            const gap = fixture.slice(previousEnd, element.startOffset);
            // A gap between two tokens needs at least one space; one with a line break keeps its line breaks.
            const pad = spaces[choices[i]!]!;
            respaced += /[\r\n]/.test(gap) ? gap.replace(/[ \t]+/g, '') + pad : previousEnd === 0 || pad !== '' ? pad : ' ';
            respaced += element.image;
            previousEnd = element.startOffset + element.image.length;
          });
          respaced += fixture.slice(previousEnd);
          expect(format(respaced)).toBe(expected);
        }),
        { numRuns: 60 },
      );
    }
  });
});

// ---------------------------------------------------------------------------------------------
// Blank lines and whitespace
// ---------------------------------------------------------------------------------------------

describe('blank lines and whitespace', () => {
  it('collapses runs of blank lines into one and keeps zero where there were zero', () => {
    check(
      'callmanager CM1\ncallmanager CM2\n\n\n\ncallmanager CM3\n\ncallmanager CM4',
      'callmanager CM1\ncallmanager CM2\n\ncallmanager CM3\n\ncallmanager CM4\n',
    );
  });

  it('keeps single blank lines between steps and between comments', () => {
    check(
      'scenario "s" {\n  at 1m crash CM1\n\n\n  # recovery\n\n  at 20m recover CM1\n}',
      text`
        scenario "s" {
          at 1m   crash CM1

          # recovery

          at 20m  recover CM1
        }
      `,
    );
  });

  it('drops blank lines at the start and end of the file and of blocks', () => {
    check('\n\n\npool P {\n\n  group G\n\n  phones 1\n  srst R\n\n}\n\n\n', 'pool P {\n  group G\n\n  phones 1\n  srst R\n}\n');
    check('pool P { # c\n\n  group G\n  phones 1\n}', 'pool P {  # c\n  group G\n  phones 1\n}\n');
  });

  it('splits items that share a line', () => {
    check(
      'callmanager CM1 callmanager CM2 group G { CM1 } pool P { group G phones 1 }',
      'callmanager CM1\ncallmanager CM2\ngroup G { CM1 }\npool P { group G phones 1 }\n',
    );
  });

  it('turns tabs, CRLF and lone CR into the canonical layout with LF', () => {
    check('\tcallmanager\tCM1\t{\tcapacity\t10\t}\t\r\n\r\n\r\ngroup G {\r\n\tCM1\r\n}\r\n', 'callmanager CM1 { capacity 10 }\n\ngroup G { CM1 }\n');
    check('callmanager CM1\rcallmanager CM2\r', 'callmanager CM1\ncallmanager CM2\n');
  });

  it('refuses lone CR line breaks where a comment would become documentation', () => {
    // The parser takes a comment as documentation only across an LF, so `# a` is no doc here, but would be after formatting.
    expect(formatText('# a\rcallmanager CM1\r')).toEqual({ error: expect.stringContaining('lone CR line breaks') });
  });

  it('formats an empty or blank file to the empty text', () => {
    check('', '');
    check(' \n\t\r\n\n', '');
  });
});

// ---------------------------------------------------------------------------------------------
// Whole files
// ---------------------------------------------------------------------------------------------

describe('whole files', () => {
  it("formats LANGUAGE.md's example to itself, but for the spacing before its end-of-line comments", () => {
    const topology = text`
      # topology.failover — shared by every scenario file
      settings {
        keepalive 30s            # StationKeepAliveInterval
        fallback-queue-depth 10  # MaxPhonesFallBackQueueDepth
      }

      callmanager CM1 { capacity 2500 }
      callmanager CM2 { capacity 2500 registration-rate 125 }
      callmanager CM3
      srst BR1-RTR { capacity 48 }

      group HQ-GROUP { CM1, CM2, CM3 }  # priority order: primary, secondary, tertiary
      group BR-GROUP { CM2, CM1 }

      pool HQ { group HQ-GROUP phones 1200 }
      pool BRANCH1 {
        group BR-GROUP
        srst BR1-RTR
        phones 40
        connection-monitor 60s
      }
    `;
    const outages = text`
      # outages.failover
      import "topology.failover"

      scenario "CM1 crash at peak" {
        at 0s   calls HQ 30% lasting 10m
        at 1m   crash CM1
        at 20m  recover CM1
        at 5m   expect HQ on CM2 >= 800
        at 40m  expect HQ on CM1 == all
        expect outage HQ <= 5m
        expect peak CM2 <= 2500
        expect settled by 45m
      }

      scenario "Branch WAN cut" {
        settings { tcp-retry 20s }  # what-if override for this scenario only
        at 10s  isolate BRANCH1
        at 15m  reconnect BRANCH1
        at 2m   expect BRANCH1 on BR1-RTR == all
        at 20m  expect BRANCH1 on CM2 == all
      }
    `;
    check(TOPOLOGY, topology);
    check(OUTAGES, outages);
    // Line by line, the only changes are the spaces before a `#` (the spec's irregular comment spacing).
    const changed = (source: string, formatted: string): [string, string][] => {
      const before = source.split('\n');
      const after = formatted.split('\n');
      expect(after).toHaveLength(before.length);
      before.forEach((line, i) => expect(after[i]!.replace(/ +#/, ' #')).toBe(line.replace(/ +#/, ' #')));
      return before.flatMap((line, i): [string, string][] => (line === after[i] ? [] : [[line, after[i]!]]));
    };
    expect(changed(TOPOLOGY, topology)).toEqual([
      ['  keepalive 30s              # StationKeepAliveInterval', '  keepalive 30s            # StationKeepAliveInterval'],
      ['  fallback-queue-depth 10    # MaxPhonesFallBackQueueDepth', '  fallback-queue-depth 10  # MaxPhonesFallBackQueueDepth'],
      [
        'group HQ-GROUP { CM1, CM2, CM3 }    # priority order: primary, secondary, tertiary',
        'group HQ-GROUP { CM1, CM2, CM3 }  # priority order: primary, secondary, tertiary',
      ],
    ]);
    expect(changed(OUTAGES, outages)).toEqual([
      [
        '  settings { tcp-retry 20s }              # what-if override for this scenario only',
        '  settings { tcp-retry 20s }  # what-if override for this scenario only',
      ],
    ]);
  });

  it('formats a messy file with every construct', () => {
    check(
      MESSY,
      text`
        # head
        import "a.failover"
        import "b \\"quoted\\".failover"

        settings {
          keepalive 30s
          missed-keepalives 5
          tcp-retry 20s
          reset-time 1m
          registration-rate 50
          fallback-queue-depth 4
          connection-monitor 00
        }
        ## CM1 documentation
        # second line
        callmanager CM1
        callmanager CM2 {
          capacity 1_200  # c
        }
        srst R1
        srst R2 { capacity 10 registration-rate 2 }
        group G { A, B }  # t
        group H {
          A,  # first
          B
        }
        pool
          # inside the header
          P { group G phones 10 }
        pool Q {
          group H
          srst R1
          phones 1_000
          connection-monitor 1m30s
        }

        scenario "s" {
          at 5m  # odd place
            crash CM1
          settings { tcp-retry 20s }
          at 30s1m  stop CM2
          at 0      hang CM1
          at 2h     recover CM1
          at 10s    isolate P
          at 20s    reconnect P
          at 1m     reset P
          at 0s     calls Q 30% lasting 10m
          at 5m     expect P on unregistered
          at 5m     expect Q on R1 != none
          at 5m     expect Q on CM2 < 12
          expect outage P <= 5m
          expect peak CM1 > 1
          expect settled by 45m

          # end
        }
        # eof
      `,
    );
  });

  const onDisk = ['samples', 'test'].flatMap((directory) => failoverFilesUnder(join(__dirname, '..', '..', directory)));
  const files: [string, string][] = [...Object.entries(FIXTURES), ...onDisk.map((path): [string, string] => [path, readFileSync(path, 'utf8')])];
  it.each(files)('is idempotent and keeps the tree: %s', (_name, source) => {
    if (parse(source).errors.length > 0) {
      expect(formatText(source)).toHaveProperty('error');
      return;
    }
    checkInvariants(source);
  });

  it('is idempotent and keeps the tree whatever the whitespace between tokens', () => {
    // Re-spaces a fixture at random: any mix of spaces, tabs, LF, CRLF and blank lines between
    // tokens (a line break always follows a comment, which would otherwise swallow the next token).
    const gaps = [' ', '  ', '\t', '\n', '\r\n', '\n\n', ' \n\t', '\n\n\n'];
    const elementsOf = (source: string): { image: string; comment: boolean }[] => {
      const lexed = failoverLexer.tokenize(source);
      return [
        ...lexed.tokens.map((token) => ({ offset: token.startOffset, image: token.image, comment: false })),
        ...(lexed.groups['comments'] ?? []).map((token) => ({ offset: token.startOffset, image: token.image, comment: true })),
      ].sort((a, b) => a.offset - b.offset);
    };
    for (const fixture of Object.values(FIXTURES)) {
      const elements = elementsOf(fixture);
      fc.assert(
        fc.property(fc.array(fc.integer({ min: 0, max: gaps.length - 1 }), { minLength: elements.length + 1, maxLength: elements.length + 1 }), (choices) => {
          let respaced = gaps[choices[0]!]!;
          elements.forEach((element, i) => {
            const gap = gaps[choices[i + 1]!]!;
            respaced += element.image + (element.comment && !gap.includes('\n') ? '\n' : gap);
          });
          checkInvariants(respaced);
        }),
        { numRuns: 60 },
      );
    }
  });
});

// ---------------------------------------------------------------------------------------------
// Refusals and range formatting
// ---------------------------------------------------------------------------------------------

describe('syntax errors', () => {
  it('formats a time whose unit is missing or written apart (a `missing-unit`, not a syntax error), keeping it as written', () => {
    expect(formatText('scenario "s" {\n at 1m30 crash CM1\n at 90 crash CM2\n at 2 m    recover CM1\n at 10m recover CM2\n}')).toEqual({
      text: 'scenario "s" {\n  at 1m30  crash CM1\n  at 90    crash CM2\n  at 2 m   recover CM1\n  at 10m   recover CM2\n}\n',
    });
  });

  it.each([
    ['a keyword as a name', 'callmanager phones\n'],
    ['a missing brace', 'pool P { group G phones 1\n'],
    // (`at 1m30` was the example here; a part without its unit is now `missing-unit`, not a syntax error.)
    ['a malformed number', 'scenario "s" { at 5mins crash CM1 }'],
    ['an import after an item', 'callmanager CM1\nimport "a.failover"'],
    ['an unterminated string', 'import "a.failover\n'],
    ['a stray character', 'callmanager CM1 $'],
  ])('refuses to format %s', (_name, source) => {
    const result = formatText(source);
    expect(result).toEqual({ error: expect.stringMatching(/^the file has syntax errors \(the first on line \d+\); fix them before formatting$/) });
    expect(formatRange(source, { start: 0, end: source.length })).toEqual(result);
  });
});

describe('range formatting', () => {
  const source = 'callmanager   CM1 {capacity 10}\n\n\n\npool P {group G phones 1 srst R}   # note\ncallmanager\tCM2\n';

  function apply(input: string, edits: { start: number; end: number; newText: string }[]): string {
    return [...edits].sort((a, b) => b.start - a.start).reduce((text, edit) => text.slice(0, edit.start) + edit.newText + text.slice(edit.end), input);
  }

  it('changes only the item the range lies in', () => {
    const inside = source.indexOf('group G');
    const edits = formatRange(source, { start: inside, end: inside + 5 });
    expect(edits).toEqual([
      { start: source.indexOf('pool'), end: source.indexOf('\ncallmanager\tCM2'), newText: 'pool P {\n  group G\n  phones 1\n  srst R\n}  # note' },
    ]);
    expect(apply(source, edits as never)).toBe(
      'callmanager   CM1 {capacity 10}\n\n\n\npool P {\n  group G\n  phones 1\n  srst R\n}  # note\ncallmanager\tCM2\n',
    );
  });

  it('formats the item around an empty range (the cursor)', () => {
    const cursor = source.indexOf('CM2');
    expect(apply(source, formatRange(source, { start: cursor, end: cursor }) as never)).toBe(
      'callmanager   CM1 {capacity 10}\n\n\n\npool P {group G phones 1 srst R}   # note\ncallmanager CM2\n',
    );
  });

  it('formats every item the range meets, with the lines between them', () => {
    const edits = formatRange(source, { start: 5, end: source.indexOf('pool') + 1 });
    expect(apply(source, edits as never)).toBe('callmanager CM1 { capacity 10 }\n\npool P {\n  group G\n  phones 1\n  srst R\n}  # note\ncallmanager\tCM2\n');
  });

  it('takes along items that share a line with the range', () => {
    const line = 'callmanager  A   callmanager  B\ncallmanager  C\n';
    expect(apply(line, formatRange(line, { start: line.indexOf('B'), end: line.indexOf('B') + 1 }) as never)).toBe(
      'callmanager A\ncallmanager B\ncallmanager  C\n',
    );
  });

  it('formats imports too', () => {
    const withImports = 'import   "a.failover"\nimport  "b.failover"\n';
    expect(apply(withImports, formatRange(withImports, { start: 0, end: 3 }) as never)).toBe('import "a.failover"\nimport  "b.failover"\n');
  });

  it('returns no edit for formatted items, or a range between items', () => {
    const formatted = format(source);
    expect(formatRange(formatted, { start: 0, end: formatted.length })).toEqual([]);
    const blank = source.indexOf('\n\n') + 1;
    expect(formatRange(source, { start: blank, end: blank + 1 })).toEqual([]);
  });

  it('keeps CRLF line breaks in its edit', () => {
    const crlf = 'pool P {group G phones 1 srst R}\r\ncallmanager  CM1\r\n';
    expect(formatRange(crlf, { start: 1, end: 2 })).toEqual([
      { start: 0, end: crlf.indexOf('\r'), newText: 'pool P {\r\n  group G\r\n  phones 1\r\n  srst R\r\n}' },
    ]);
  });

  it('gives the whole-file result when the range covers a file that starts and ends with items', () => {
    expect(apply(source, formatRange(source, { start: 0, end: source.length }) as never)).toBe(format(source));
  });
});

// The Chevrotain parser: one instance, reused; `parse(text)` returns the typed tree and the syntax
// errors and never throws. The grammar is deliberately permissive (every part after a construct's
// first keyword is optional, stray tokens are absorbed), so the parser itself reports each problem
// once, with a message in the language's words, and keeps every later definition intact.
import { EmbeddedActionsParser, type IToken } from 'chevrotain';
import type * as ast from './ast';
import { parseWithoutProblems } from './fastPath';
import { classifyNumber } from './numbers';
import * as t from './tokens';
import { closest } from '../text/closest';
import {
  EVENT_WORDS,
  isDurationKey,
  isNameKey,
  isPropertyKey,
  isSettingKey,
  ITEM_WORDS,
  KNOBS,
  perSecondAdvice,
  PROPERTY_KEYS,
  SETTING_KEYS,
  unitSpelledBy,
  type PropertyBlock,
} from './vocabulary';

/** The properties a definition may vary in a sweep (`CM2 capacity`), for the suggestions of a mistyped one. */
const DEFINITION_KNOBS: readonly string[] = [...new Set([...KNOBS.callmanager, ...KNOBS.srst, ...KNOBS.pool])];

/** What may follow `at TIME`. */
const AFTER_AT_WORDS: readonly string[] = [...EVENT_WORDS, 'expect'];

type AnyProperty = ast.Property<string, ast.NumberLiteral | ast.Name>;
type VaryNumber = { number?: IToken; unit?: IToken };
type Block = { properties: AnyProperty[]; open?: IToken; close?: IToken };

const rangeOf = (token: IToken): ast.Range => ({ start: token.startOffset, end: token.startOffset + token.image.length });
const span = (first: IToken, last: IToken | undefined): ast.Range => ({
  start: first.startOffset,
  end: (last ?? first).startOffset + (last ?? first).image.length,
});
/** A number token that is a plain INT (the only kind a unit written apart may follow). */
const WHOLE_NUMBER = /^[0-9]+(?:_[0-9]+)*$/;
const show = (token: IToken): string => (token.tokenType === t.RCurly ? '`}`' : `\`${token.image}\``);

function unescapeString(token: IToken): string {
  const inner = token.image.endsWith('"') && token.image.length >= 2 ? token.image.slice(1, -1) : token.image.slice(1);
  return inner.indexOf('\\') < 0 ? inner : inner.replace(/\\(.)/g, '$1');
}

class FailoverParser extends EmbeddedActionsParser {
  private problems: ast.SyntaxError[] = [];
  /** After an error, further stray tokens are absorbed silently until something parses again. */
  private quiet = false;
  private lastToken: IToken | undefined;

  constructor() {
    super(t.ALL_TOKENS, { recoveryEnabled: true, maxLookahead: 3, skipValidations: process.env.FAILOVER_DEV === '0' });
    this.performSelfAnalysis();
  }

  private text = '';

  /** Definitions, settings blocks or scenarios come before this text (see `ParseOptions`). */
  private itemsBefore = false;
  /** An error at the end of input was placed at offset 0, for want of a token before it. */
  unanchored = false;

  begin(tokens: IToken[], text: string, itemsBefore: boolean): void {
    this.input = tokens;
    this.text = text;
    this.problems = [];
    this.quiet = false;
    this.lastToken = undefined;
    this.itemsBefore = itemsBefore;
    this.unanchored = false;
  }

  takeProblems(): ast.SyntaxError[] {
    const own = this.problems;
    const chevrotain = this.errors.map((e) => {
      if (Number.isNaN(e.token.startOffset) && !this.lastToken) this.unanchored = true;
      return {
        message: e.message,
        range: Number.isNaN(e.token.startOffset) ? (this.lastToken ? rangeOf(this.lastToken) : { start: 0, end: 0 }) : rangeOf(e.token),
      };
    });
    return [...own, ...chevrotain].sort((a, b) => a.range.start - b.range.start);
  }

  /** Records a problem; a second one on the same line as the previous is almost always its echo, so it is dropped. */
  private report(message: string, range: ast.Range): void {
    const previous = this.problems[this.problems.length - 1];
    this.quiet = true;
    if (previous && previous.range.end <= range.start && !/[\r\n]/.test(this.text.slice(previous.range.end, range.start))) return;
    if (previous && previous.range.start <= range.start && range.start < previous.range.end) return;
    this.problems.push({ message, range });
  }

  /** Only `\"` and `\\` are escapes in a string. */
  private checkEscapes(token: IToken): void {
    if (token.image.indexOf('\\') < 0) return;
    for (const escape of token.image.matchAll(/\\(.)/g)) {
      if (escape[1] === '"' || escape[1] === '\\') continue;
      const start = token.startOffset + escape.index;
      this.report(`Unknown escape \`\\${escape[1]}\` in a string: only \\" and \\\\ are escapes.`, { start, end: start + 2 });
      return;
    }
  }

  private take(token: IToken): IToken {
    this.lastToken = token;
    return token;
  }

  /** A token that cannot start anything here: one error, then silence until the next good construct. */
  private stray(token: IToken, expected: string, words: readonly string[]): void {
    this.take(token);
    if (this.quiet) return;
    const guess = token.tokenType === t.Name ? closest(token.image, words) : undefined;
    const hint = guess ? ` Did you mean \`${guess}\`?` : '';
    this.report(`Unexpected ${show(token)}: expected ${expected}.${hint}`, rangeOf(token));
  }

  /** Where a block or list must stop: its closing brace, or the start of something that cannot be inside it. */
  private atBlockEnd(inScenario: boolean): boolean {
    const next = this.LA(1).tokenType;
    if (next === t.RCurly || next === t.CallManager || next === t.Scenario || next === t.Import || next === t.Pool || next === t.Sweep) return true;
    if (!inScenario && (next === t.At || next === t.Expect)) return true;
    if (next === t.Settings) return !inScenario && this.LA(2).tokenType === t.LCurly;
    if (next === t.Group || next === t.Srst) return this.LA(2).tokenType === t.Name && this.LA(3).tokenType === t.LCurly;
    return false;
  }

  private closeBlock(what: string, open: IToken | undefined): IToken | undefined {
    let close: IToken | undefined;
    this.OPTION9(() => {
      close = this.take(this.CONSUME9(t.RCurly));
    });
    this.ACTION(() => {
      if (!close && open) this.report(`Missing \`}\` to close ${what}.`, rangeOf(open));
    });
    return close;
  }

  private maybeName = this.RULE('maybeName', (): IToken | undefined => {
    let name: IToken | undefined;
    this.OPTION(() => {
      name = this.take(this.CONSUME(t.Name));
    });
    return name;
  });

  /** Turns an optional name token into a Name, reporting its absence after `anchor`. */
  private nameOrReport(token: IToken | undefined, kindOfName: string, anchor: IToken): ast.Name | undefined {
    if (token) return { text: token.image, range: rangeOf(token) };
    const next = this.LA(1);
    const keywordHint = t.keywordOf(next.tokenType) ? ` (\`${next.image}\` is a keyword and cannot be a name)` : '';
    this.report(`Expected ${kindOfName} after \`${anchor.image}\`${keywordHint}.`, rangeOf(anchor));
    return undefined;
  }

  /**
   * Classifies a number token and reports it when malformed (with `advice` instead of the general
   * reason, when given). Where a duration is expected, a last part without a unit (`1m30`) is left
   * to validation's `missing-unit`, like a bare number.
   */
  private numberLiteral(token: IToken, durationExpected = false, advice?: string): ast.NumberLiteral {
    const literal = classifyNumber(token.image, rangeOf(token));
    if (literal.kind === 'malformed' && !(durationExpected && literal.unitless)) this.report(advice ?? literal.reason, literal.range);
    return literal;
  }

  /**
   * Whether the token after `number` is a unit written apart from it on the same line (`30 s`,
   * `5 minutes`): a whole number followed by a word that spells a unit. Only asked where a duration
   * is expected, where no name can follow the number.
   */
  private unitApartFollows(number: IToken | undefined): boolean {
    const next = this.LA(1);
    if (!number || next.tokenType !== t.Name || !unitSpelledBy(next.image) || !WHOLE_NUMBER.test(number.image)) return false;
    return !/[\r\n]/.test(this.text.slice(number.startOffset + number.image.length, next.startOffset));
  }

  /** A time or duration and the unit written apart from it, if any (see `unitApartFollows`). */
  private durationLiteral(number: IToken | undefined, unit: IToken | undefined): ast.NumberLiteral | undefined {
    if (!number) return undefined;
    const literal = this.numberLiteral(number, true);
    if (!unit || literal.kind !== 'int') return literal;
    return { ...literal, unitApart: { unit: unitSpelledBy(unit.image)!, text: unit.image, range: rangeOf(unit) } };
  }

  public file = this.RULE('file', (): ast.SourceFile => {
    const imports: ast.ImportDecl[] = [];
    const items: ast.Item[] = [];
    this.MANY(() => {
      this.OR({
        IGNORE_AMBIGUITIES: true,
        DEF: [
          {
            ALT: () => {
              const decl = this.SUBRULE(this.importDecl);
              this.ACTION(() => {
                if (items.length > 0 || this.itemsBefore) {
                  this.problems.push({
                    message: 'An `import` must come before every definition, settings block and scenario: move it to the top of the file.',
                    range: decl.range,
                  });
                }
                // Like every top-level construct, a complete import ends the silence after an error.
                imports.push(this.quietOff(decl));
              });
            },
          },
          {
            ALT: () => {
              const node = this.SUBRULE(this.settingsBlock, { ARGS: [false] });
              this.ACTION(() => items.push(this.quietOff(node)));
            },
          },
          {
            ALT: () => {
              const node = this.SUBRULE(this.propertyDefinition);
              this.ACTION(() => items.push(this.quietOff(node)));
            },
          },
          {
            ALT: () => {
              const node = this.SUBRULE(this.groupDecl);
              this.ACTION(() => items.push(this.quietOff(node)));
            },
          },
          {
            ALT: () => {
              const node = this.SUBRULE(this.scenarioDecl);
              this.ACTION(() => items.push(this.quietOff(node)));
            },
          },
          {
            ALT: () => {
              const node = this.SUBRULE(this.sweepDecl);
              this.ACTION(() => items.push(this.quietOff(node)));
            },
          },
          {
            ALT: () => {
              const token = this.CONSUME(t.AnyToken);
              this.ACTION(() => this.stray(token, 'import, settings, callmanager, srst, group, pool, scenario or sweep', ITEM_WORDS));
            },
          },
        ],
      });
    });
    return { imports, items, comments: [], range: { start: 0, end: 0 } };
  });

  private quietOff<T>(value: T): T {
    this.quiet = false;
    return value;
  }

  private importDecl = this.RULE('importDecl', (): ast.ImportDecl => {
    const keyword = this.take(this.CONSUME(t.Import));
    let path: ast.StringLiteral | undefined;
    let last: IToken | undefined;
    this.OR([
      {
        ALT: () => {
          const s = this.take(this.CONSUME(t.StringLiteral));
          this.ACTION(() => {
            last = s;
            path = { value: unescapeString(s), range: rangeOf(s) };
            this.checkEscapes(s);
          });
        },
      },
      {
        ALT: () => {
          const s = this.take(this.CONSUME(t.UnterminatedString));
          this.ACTION(() => {
            last = s;
            this.report('Unterminated string: close it with `"` on the same line.', rangeOf(s));
          });
        },
      },
      { ALT: () => undefined },
    ]);
    return this.ACTION(() => {
      if (!last) this.report('Expected a quoted file path after `import`, e.g. import "topology.failover".', rangeOf(keyword));
      return { kind: 'import' as const, path, range: span(keyword, last) };
    });
  });

  /** `settings { … }`, top level or inside a scenario. */
  private settingsBlock = this.RULE('settingsBlock', (inScenario: boolean): ast.SettingsBlock => {
    const keyword = this.take(this.CONSUME(t.Settings));
    const block = this.SUBRULE(this.propertyBlock, { ARGS: ['settings', inScenario] });
    return this.ACTION(() => {
      if (!block.open) this.report('Expected `{` after `settings`.', rangeOf(keyword));
      return {
        kind: 'settings' as const,
        entries: block.properties as unknown as ast.Setting[],
        range: span(keyword, block.close ?? this.lastToken),
        keywordRange: rangeOf(keyword),
      };
    });
  });

  /** callmanager, srst and pool: a keyword, a name and an optional block of `key value` properties. */
  private propertyDefinition = this.RULE('propertyDefinition', (): ast.CallManagerDecl | ast.SrstDecl | ast.PoolDecl => {
    let keyword!: IToken;
    this.OR([
      { ALT: () => (keyword = this.take(this.CONSUME(t.CallManager))) },
      { ALT: () => (keyword = this.take(this.CONSUME(t.Srst))) },
      { ALT: () => (keyword = this.take(this.CONSUME(t.Pool))) },
    ]);
    const kind = this.ACTION(() => t.keywordOf(keyword.tokenType) as 'callmanager' | 'srst' | 'pool');
    const nameToken = this.SUBRULE(this.maybeName);
    const name = this.ACTION(() => this.nameOrReport(nameToken, kind === 'srst' ? 'the srst router name' : `the ${kind} name`, keyword));
    const block = this.SUBRULE(this.propertyBlock, { ARGS: [kind, false] });
    return this.ACTION(() => {
      if (kind === 'pool' && !block.open)
        this.report(`Expected \`{\` after \`pool ${name?.text ?? ''}\`: a pool needs at least its group and phones.`, rangeOf(this.lastToken ?? keyword));
      return {
        kind,
        name,
        properties: block.properties,
        range: span(keyword, block.close ?? this.lastToken),
        keywordRange: rangeOf(keyword),
      } as ast.CallManagerDecl | ast.SrstDecl | ast.PoolDecl;
    });
  });

  /** `{ key value … }` for settings, callmanager, srst and pool; checks which keys the block takes. */
  private propertyBlock = this.RULE('propertyBlock', (blockKind: PropertyBlock, inScenario: boolean): Block => {
    const properties: AnyProperty[] = [];
    let open: IToken | undefined;
    let close: IToken | undefined;
    this.OPTION(() => {
      open = this.take(this.CONSUME(t.LCurly));
      this.MANY({
        GATE: () => !this.atBlockEnd(inScenario),
        DEF: () => {
          this.OR({
            IGNORE_AMBIGUITIES: true,
            DEF: [
              {
                ALT: () => {
                  const node = this.SUBRULE(this.property, { ARGS: [blockKind] });
                  this.ACTION(() => properties.push(this.quietOff(node)));
                },
              },
              {
                ALT: () => {
                  const token = this.CONSUME(t.AnyToken);
                  this.ACTION(() => this.stray(token, `a ${blockKind} property (${PROPERTY_KEYS[blockKind].join(', ')}) or \`}\``, PROPERTY_KEYS[blockKind]));
                },
              },
            ],
          });
        },
      });
      close = this.closeBlock(blockKind === 'settings' ? 'the settings block' : `the ${blockKind} block`, open);
    });
    return { properties, open, close };
  });

  private property = this.RULE('property', (blockKind: PropertyBlock): ast.Property<string, ast.NumberLiteral | ast.Name> => {
    const keyToken = this.take(this.CONSUME(t.PropertyKey));
    let valueToken: IToken | undefined;
    this.OPTION(() => {
      this.OR2([{ ALT: () => (valueToken = this.take(this.CONSUME(t.NumberWord))) }, { ALT: () => (valueToken = this.take(this.CONSUME(t.Name))) }]);
    });
    let unitToken: IToken | undefined;
    this.OPTION2({
      GATE: () => valueToken?.tokenType === t.NumberWord && isDurationKey(t.keywordOf(keyToken.tokenType) ?? '') && this.unitApartFollows(valueToken),
      DEF: () => {
        unitToken = this.take(this.CONSUME2(t.Name));
      },
    });
    return this.ACTION(() => {
      const key = t.keywordOf(keyToken.tokenType)!;
      const allowed: readonly string[] = PROPERTY_KEYS[blockKind];
      if (!allowed.includes(key)) {
        const where = blockKind === 'settings' ? 'a setting' : blockKind === 'srst' ? 'a property of an srst router' : `a property of a ${blockKind}`;
        this.report(`\`${key}\` is not ${where}; use ${allowed.join(', ')}.`, rangeOf(keyToken));
      }
      let value: ast.NumberLiteral | ast.Name | undefined;
      if (!valueToken) {
        const wanted = isNameKey(key) ? 'a name' : isDurationKey(key) ? 'a duration such as 30s' : 'a whole number';
        this.report(`\`${key}\` needs ${wanted}.`, rangeOf(keyToken));
      } else if (isNameKey(key)) {
        if (valueToken.tokenType === t.Name) value = { text: valueToken.image, range: rangeOf(valueToken) };
        else this.report(`\`${key}\` needs a name, not the number \`${valueToken.image}\`.`, rangeOf(valueToken));
      } else if (valueToken.tokenType === t.Name) {
        this.report(
          `\`${key}\` needs ${isDurationKey(key) ? 'a duration such as 30s' : 'a whole number'}, not the name \`${valueToken.image}\`.`,
          rangeOf(valueToken),
        );
      } else {
        const advice = isPropertyKey(key) ? perSecondAdvice(key, valueToken.image) : undefined;
        const literal = isDurationKey(key) ? this.durationLiteral(valueToken, unitToken)! : this.numberLiteral(valueToken, false, advice);
        if (literal.kind !== 'malformed' && !isDurationKey(key) && literal.kind !== 'int') {
          this.report(`\`${key}\` needs a whole number, not \`${literal.text}\`.`, literal.range);
        } else if (isDurationKey(key) && literal.kind === 'percent') {
          this.report(`\`${key}\` needs a duration such as 30s, not \`${literal.text}\`.`, literal.range);
        }
        value = literal;
      }
      return { key, keyRange: rangeOf(keyToken), value, range: span(keyToken, unitToken ?? valueToken) };
    });
  });

  private groupDecl = this.RULE('groupDecl', (): ast.GroupDecl => {
    const keyword = this.take(this.CONSUME(t.Group));
    const nameToken = this.SUBRULE(this.maybeName);
    const name = this.ACTION(() => this.nameOrReport(nameToken, 'the group name', keyword));
    const members: ast.Name[] = [];
    let open: IToken | undefined;
    let close: IToken | undefined;
    let expectingMember = true;
    this.OPTION(() => {
      open = this.take(this.CONSUME(t.LCurly));
      this.MANY({
        GATE: () => !this.atBlockEnd(false),
        DEF: () => {
          this.OR({
            IGNORE_AMBIGUITIES: true,
            DEF: [
              {
                ALT: () => {
                  const member = this.take(this.CONSUME(t.Name));
                  this.ACTION(() => {
                    if (!expectingMember) this.report(`Expected \`,\` between group members, before \`${member.image}\`.`, rangeOf(member));
                    else this.quiet = false;
                    members.push({ text: member.image, range: rangeOf(member) });
                    expectingMember = false;
                  });
                },
              },
              {
                ALT: () => {
                  const comma = this.take(this.CONSUME(t.Comma));
                  this.ACTION(() => {
                    if (expectingMember) this.report('Expected a CallManager name before `,`.', rangeOf(comma));
                    expectingMember = true;
                  });
                },
              },
              {
                ALT: () => {
                  const token = this.CONSUME(t.AnyToken);
                  this.ACTION(() => this.stray(token, 'a CallManager name, `,` or `}`', []));
                },
              },
            ],
          });
        },
      });
      close = this.closeBlock(`group ${name?.text ?? ''}`.trim(), open);
    });
    return this.ACTION(() => {
      if (!open)
        this.report(`Expected \`{\` and the group's CallManagers after \`group ${name?.text ?? ''}\`, e.g. { CM1, CM2 }.`, rangeOf(this.lastToken ?? keyword));
      else if (members.length === 0 && close) this.report('A group lists one to three CallManagers, in priority order.', span(open, close));
      return { kind: 'group' as const, name, members, range: span(keyword, close ?? this.lastToken), keywordRange: rangeOf(keyword) };
    });
  });

  private scenarioDecl = this.RULE('scenarioDecl', (): ast.ScenarioDecl => {
    const keyword = this.take(this.CONSUME(t.Scenario));
    let title: ast.StringLiteral | undefined;
    this.OPTION(() => {
      this.OR([
        {
          ALT: () => {
            const s = this.take(this.CONSUME(t.StringLiteral));
            this.ACTION(() => {
              title = { value: unescapeString(s), range: rangeOf(s) };
              this.checkEscapes(s);
            });
          },
        },
        {
          ALT: () => {
            const s = this.take(this.CONSUME(t.UnterminatedString));
            this.ACTION(() => {
              title = { value: unescapeString(s), range: rangeOf(s) };
              this.report('Unterminated string: close the scenario title with `"` on the same line.', rangeOf(s));
            });
          },
        },
      ]);
    });
    this.ACTION(() => {
      if (!title) this.report('Expected the scenario title as a quoted string, e.g. scenario "CM1 crash".', rangeOf(keyword));
    });
    const steps: ast.Step[] = [];
    let open: IToken | undefined;
    let close: IToken | undefined;
    this.OPTION2(() => {
      open = this.take(this.CONSUME(t.LCurly));
      this.MANY({
        GATE: () => !this.atBlockEnd(true),
        DEF: () => {
          this.OR2({
            IGNORE_AMBIGUITIES: true,
            DEF: [
              {
                ALT: () => {
                  const node = this.SUBRULE(this.settingsBlock, { ARGS: [true] });
                  this.ACTION(() => steps.push(this.quietOff(node)));
                },
              },
              {
                ALT: () => {
                  const node = this.SUBRULE(this.atStep);
                  this.ACTION(() => steps.push(this.quietOff(node)));
                },
              },
              {
                ALT: () => {
                  const node = this.SUBRULE(this.expectStep);
                  this.ACTION(() => steps.push(this.quietOff(node)));
                },
              },
              {
                ALT: () => {
                  const token = this.CONSUME(t.AnyToken);
                  this.ACTION(() => this.stray(token, '`at`, `expect`, `settings` or `}`', ['at', 'expect', 'settings']));
                },
              },
            ],
          });
        },
      });
      close = this.closeBlock(`scenario ${title ? JSON.stringify(title.value) : ''}`.trim(), open);
    });
    return this.ACTION(() => {
      if (!open) this.report("Expected `{` and the scenario's steps after its title.", rangeOf(this.lastToken ?? keyword));
      return { kind: 'scenario' as const, title, steps, range: span(keyword, close ?? this.lastToken), keywordRange: rangeOf(keyword) };
    });
  });

  /** A quoted title after `keyword` (a scenario's, a sweep's, or the one a sweep names), reporting an unterminated one. */
  private maybeTitle = this.RULE('maybeTitle', (what: string): ast.StringLiteral | undefined => {
    let title: ast.StringLiteral | undefined;
    this.OPTION(() => {
      this.OR([
        {
          ALT: () => {
            const s = this.take(this.CONSUME(t.StringLiteral));
            this.ACTION(() => {
              title = { value: unescapeString(s), range: rangeOf(s) };
              this.checkEscapes(s);
            });
          },
        },
        {
          ALT: () => {
            const s = this.take(this.CONSUME(t.UnterminatedString));
            this.ACTION(() => {
              title = { value: unescapeString(s), range: rangeOf(s) };
              this.report(`Unterminated string: close ${what} with \`"\` on the same line.`, rangeOf(s));
            });
          },
        },
      ]);
    });
    return title;
  });

  /**
   * Where a sweep's block must stop: its closing brace or the start of another top-level construct.
   * `scenario` is a line of the sweep unless it opens a block (`scenario "T" {`): then the sweep's
   * `}` is missing and a scenario begins.
   */
  private atSweepEnd(): boolean {
    const next = this.LA(1).tokenType;
    if (next === t.Scenario) {
      const after = this.LA(2).tokenType;
      return after === t.LCurly || ((after === t.StringLiteral || after === t.UnterminatedString) && this.LA(3).tokenType === t.LCurly);
    }
    if (next === t.At || next === t.Expect) return false;
    return this.atBlockEnd(false);
  }

  private sweepDecl = this.RULE('sweepDecl', (): ast.SweepDecl => {
    const keyword = this.take(this.CONSUME(t.Sweep));
    const title = this.SUBRULE(this.maybeTitle, { ARGS: ['the sweep title'] });
    this.ACTION(() => {
      if (!title) this.report('Expected the sweep title as a quoted string, e.g. sweep "Queue depth against settle time".', rangeOf(keyword));
    });
    const lines: ast.SweepLine[] = [];
    let open: IToken | undefined;
    let close: IToken | undefined;
    this.OPTION(() => {
      open = this.take(this.CONSUME(t.LCurly));
      this.MANY({
        GATE: () => !this.atSweepEnd(),
        DEF: () => {
          this.OR({
            IGNORE_AMBIGUITIES: true,
            DEF: [
              {
                ALT: () => {
                  const node = this.SUBRULE(this.sweepScenarioLine);
                  this.ACTION(() => lines.push(this.quietOff(node)));
                },
              },
              {
                ALT: () => {
                  const node = this.SUBRULE(this.varyLine);
                  this.ACTION(() => lines.push(this.quietOff(node)));
                },
              },
              {
                ALT: () => {
                  const token = this.CONSUME(t.AnyToken);
                  this.ACTION(() => this.stray(token, '`scenario`, `vary` or `}`', ['scenario', 'vary']));
                },
              },
            ],
          });
        },
      });
      close = this.closeBlock(`sweep ${title ? JSON.stringify(title.value) : ''}`.trim(), open);
    });
    return this.ACTION(() => {
      if (!open)
        this.report("Expected `{` and the sweep's lines after its title: its `scenario` and one or two `vary` lines.", rangeOf(this.lastToken ?? keyword));
      return { kind: 'sweep' as const, title, lines, range: span(keyword, close ?? this.lastToken), keywordRange: rangeOf(keyword) };
    });
  });

  /** In a sweep: `scenario "TITLE"`. */
  private sweepScenarioLine = this.RULE('sweepScenarioLine', (): ast.SweepScenarioLine => {
    const keyword = this.take(this.CONSUME(t.Scenario));
    const title = this.SUBRULE(this.maybeTitle, { ARGS: ['the scenario title'] });
    return this.ACTION(() => {
      if (!title) this.report('Expected the title of a scenario of this file after `scenario`, e.g. scenario "CM1 crash at peak".', rangeOf(keyword));
      return { kind: 'sweep-scenario' as const, title, keywordRange: rangeOf(keyword), range: span(keyword, this.lastToken) };
    });
  });

  /** In a sweep: `vary KNOB from A to B (step S)?`, every part after `vary` optional. */
  private varyLine = this.RULE('varyLine', (): ast.VaryLine => {
    const keyword = this.take(this.CONSUME(t.Vary));
    let knob: ast.Knob | undefined;
    let written = false;
    let duration = false;
    this.OPTION(() => {
      written = true;
      this.OR([
        {
          ALT: () => {
            const key = this.take(this.CONSUME(t.PropertyKey));
            this.ACTION(() => {
              const word = t.keywordOf(key.tokenType)!;
              duration = isDurationKey(word);
              if (isSettingKey(word)) knob = { kind: 'setting', key: word, range: rangeOf(key) };
              else if (isNameKey(word))
                this.report(
                  `\`${word}\` cannot be varied: a sweep varies a setting or a number of a definition (${DEFINITION_KNOBS.join(', ')}).`,
                  rangeOf(key),
                );
              else
                this.report(
                  `\`${word}\` is not a setting: name the definition whose ${word} varies, e.g. \`vary ${(KNOBS.callmanager as readonly string[]).includes(word) ? 'CM2' : 'HQ'} ${word} from …\`, or vary a setting (${SETTING_KEYS.join(', ')}).`,
                  rangeOf(key),
                );
            });
          },
        },
        {
          ALT: () => {
            const nameToken = this.take(this.CONSUME(t.Name));
            let keyToken: IToken | undefined;
            let typo: IToken | undefined;
            this.OPTION2(() => {
              this.OR2([{ ALT: () => (keyToken = this.take(this.CONSUME2(t.PropertyKey))) }, { ALT: () => (typo = this.take(this.CONSUME2(t.Name))) }]);
            });
            this.ACTION(() => {
              const name = { text: nameToken.image, range: rangeOf(nameToken) };
              const word = keyToken ? t.keywordOf(keyToken.tokenType) : undefined;
              if (keyToken && word && isPropertyKey(word)) {
                duration = isDurationKey(word);
                knob = { kind: 'property', name, key: word, keyRange: rangeOf(keyToken), range: span(nameToken, keyToken) };
                return;
              }
              knob = { kind: 'property', name, range: rangeOf(nameToken) };
              if (typo) {
                const guess = closest(typo.image, DEFINITION_KNOBS);
                const hint = guess ? ` Did you mean \`${guess}\`?` : '';
                this.report(`Unknown property \`${typo.image}\` to vary: expected ${DEFINITION_KNOBS.join(', ')}.${hint}`, rangeOf(typo));
                return;
              }
              const setting = closest(nameToken.image, SETTING_KEYS);
              if (setting) this.report(`Unknown setting \`${nameToken.image}\` to vary. Did you mean \`${setting}\`?`, rangeOf(nameToken));
              else
                this.report(
                  `Expected a setting, or a definition's name and the property to vary after \`vary\`, e.g. \`vary CM2 capacity\` (${DEFINITION_KNOBS.join(', ')}).`,
                  rangeOf(nameToken),
                );
            });
          },
        },
      ]);
    });
    this.ACTION(() => {
      if (!written)
        this.report('Expected what to vary after `vary`: a setting (`fallback-queue-depth`) or a name and a property (`CM2 capacity`).', rangeOf(keyword));
    });
    let fromWord: IToken | undefined;
    let toWord: IToken | undefined;
    let stepWord: IToken | undefined;
    let fromNumber: VaryNumber = {};
    let toNumber: VaryNumber = {};
    let stepNumber: VaryNumber = {};
    this.OPTION3(() => {
      fromWord = this.take(this.CONSUME(t.From));
      fromNumber = this.SUBRULE(this.varyNumber, { ARGS: [() => duration] });
    });
    this.OPTION4(() => {
      toWord = this.take(this.CONSUME(t.To));
      toNumber = this.SUBRULE2(this.varyNumber, { ARGS: [() => duration] });
    });
    this.OPTION5(() => {
      stepWord = this.take(this.CONSUME(t.Step));
      stepNumber = this.SUBRULE3(this.varyNumber, { ARGS: [() => duration] });
    });
    return this.ACTION(() => {
      const from = this.varyValue(fromWord, fromNumber, duration);
      const to = this.varyValue(toWord, toNumber, duration);
      const step = this.varyValue(stepWord, stepNumber, duration);
      if (knob && !fromWord) this.report('Expected `from`, the first value and `to`, the last, e.g. from 5 to 50 step 5.', knob.range);
      else if (from && !toWord) this.report('Expected `to` and the last value, e.g. to 50.', from.range);
      return {
        kind: 'vary' as const,
        knob,
        from,
        to,
        step,
        keywordRange: rangeOf(keyword),
        range: span(keyword, this.lastToken),
      };
    });
  });

  /** The value after `from`, `to` or `step`: an INT or a DURATION (`30 s` is read whole where the knob is a time, as elsewhere). */
  private varyNumber = this.RULE('varyNumber', (duration: () => boolean): VaryNumber => {
    let number: IToken | undefined;
    let unit: IToken | undefined;
    this.OPTION(() => {
      number = this.take(this.CONSUME(t.NumberWord));
      this.OPTION2({
        GATE: () => duration() && this.unitApartFollows(number),
        DEF: () => {
          unit = this.take(this.CONSUME(t.Name));
        },
      });
    });
    return { number, unit };
  });

  /** The literal after `word` (`from`, `to`, `step`), reporting a missing or unfit one. */
  private varyValue(word: IToken | undefined, { number, unit }: VaryNumber, duration: boolean): ast.NumberLiteral | undefined {
    if (!word) return undefined;
    if (!number) {
      this.report(`Expected a value after \`${word.image}\`: a whole number, or a duration such as 30s.`, rangeOf(word));
      return undefined;
    }
    const value = duration ? this.durationLiteral(number, unit)! : this.numberLiteral(number);
    if (value.kind === 'percent') this.report(`\`${word.image}\` needs a whole number or a duration, not \`${value.text}\`.`, value.range);
    return value;
  }

  private maybeNumber = this.RULE('maybeNumber', (): IToken | undefined => {
    let token: IToken | undefined;
    this.OPTION(() => {
      token = this.take(this.CONSUME(t.NumberWord));
    });
    return token;
  });

  /** A time or duration: a number and, for `30 s`, the unit written apart from it. */
  private maybeDuration = this.RULE('maybeDuration', (): { number?: IToken; unit?: IToken } => {
    let number: IToken | undefined;
    let unit: IToken | undefined;
    this.OPTION(() => {
      number = this.take(this.CONSUME(t.NumberWord));
      this.OPTION2({
        GATE: () => this.unitApartFollows(number),
        DEF: () => {
          unit = this.take(this.CONSUME(t.Name));
        },
      });
    });
    return { number, unit };
  });

  private maybeComparison = this.RULE('maybeComparison', (): IToken | undefined => {
    let token: IToken | undefined;
    this.OPTION(() => {
      token = this.take(this.CONSUME(t.ComparisonOperator));
    });
    return token;
  });

  private maybeCount = this.RULE('maybeCount', (): IToken | undefined => {
    let token: IToken | undefined;
    this.OPTION(() => {
      this.OR([
        { ALT: () => (token = this.take(this.CONSUME(t.NumberWord))) },
        { ALT: () => (token = this.take(this.CONSUME(t.All))) },
        { ALT: () => (token = this.take(this.CONSUME(t.None))) },
      ]);
    });
    return token;
  });

  private toNumber(token: IToken | undefined): ast.NumberLiteral | undefined {
    return token ? this.numberLiteral(token) : undefined;
  }

  private toComparison(token: IToken | undefined): { op: ast.Comparison; range: ast.Range } | undefined {
    return token ? { op: token.image as ast.Comparison, range: rangeOf(token) } : undefined;
  }

  private toCount(token: IToken | undefined): ast.Count | undefined {
    if (!token) return undefined;
    if (token.tokenType === t.All) return { kind: 'all', range: rangeOf(token) };
    if (token.tokenType === t.None) return { kind: 'none', range: rangeOf(token) };
    const literal = this.numberLiteral(token);
    if (literal.kind === 'duration') this.report(`Expected a count (a number, a percent, all or none), not the duration \`${literal.text}\`.`, literal.range);
    return literal;
  }

  /** `at TIME` and what follows it: an event, a count expectation, or a word that is neither. */
  private atStep = this.RULE('atStep', (): ast.EventStep | ast.ExpectOnStep => {
    const atToken = this.take(this.CONSUME(t.At));
    const atTime = this.SUBRULE(this.maybeDuration);
    const at = this.ACTION(() => this.durationLiteral(atTime.number, atTime.unit));
    this.ACTION(() => {
      if (!at) this.report('Expected a time after `at`, e.g. at 1m30s.', rangeOf(atToken));
    });
    let step!: ast.EventStep | ast.ExpectOnStep;
    this.OR({
      IGNORE_AMBIGUITIES: true,
      DEF: [
        { ALT: () => (step = this.SUBRULE(this.subjectEvent, { ARGS: [atToken, at] })) },
        { ALT: () => (step = this.SUBRULE(this.callsEvent, { ARGS: [atToken, at] })) },
        { ALT: () => (step = this.SUBRULE(this.countExpectation, { ARGS: [atToken, at] })) },
        { ALT: () => (step = this.SUBRULE(this.unknownEvent, { ARGS: [atToken, at] })) },
      ],
    });
    return step;
  });

  /** After `at TIME`: stop, crash, hang or recover a target, or isolate, reconnect or reset a pool. */
  private subjectEvent = this.RULE('subjectEvent', (atToken: IToken, at: ast.NumberLiteral | undefined): ast.EventStep => {
    let action!: IToken;
    let isTarget = false;
    this.OR([
      {
        ALT: () => {
          action = this.take(this.CONSUME(t.TargetAction));
          isTarget = true;
        },
      },
      { ALT: () => (action = this.take(this.CONSUME(t.PoolAction))) },
    ]);
    const subjectToken = this.SUBRULE(this.maybeName);
    const subject = this.ACTION(() => this.nameOrReport(subjectToken, isTarget ? 'a callmanager or srst router name' : 'a pool name', action));
    return this.ACTION(() => ({
      kind: 'event' as const,
      at,
      action: action.image as ast.TargetAction | ast.PoolAction,
      actionRange: rangeOf(action),
      subject,
      range: span(atToken, this.lastToken),
    }));
  });

  /** After `at TIME`: `calls POOL COUNT lasting DURATION`. */
  private callsEvent = this.RULE('callsEvent', (atToken: IToken, at: ast.NumberLiteral | undefined): ast.EventStep => {
    const calls = this.take(this.CONSUME(t.Calls));
    const poolToken = this.SUBRULE(this.maybeName);
    const pool = this.ACTION(() => this.nameOrReport(poolToken, 'a pool name', calls));
    const countToken = this.SUBRULE(this.maybeCount);
    const count = this.ACTION(() => this.toCount(countToken));
    this.ACTION(() => {
      if (pool && !count) this.report('Expected how many calls after the pool: a number, a percent, all or none.', pool.range);
    });
    let lasting: IToken | undefined;
    this.OPTION(() => {
      lasting = this.take(this.CONSUME(t.Lasting));
    });
    const durationToken = this.SUBRULE(this.maybeDuration);
    const duration = this.ACTION(() => this.durationLiteral(durationToken.number, durationToken.unit));
    return this.ACTION(() => {
      if (count && !lasting) this.report("Expected `lasting` and the calls' duration, e.g. lasting 5m.", count.range);
      else if (lasting && !duration) this.report('Expected a duration after `lasting`, e.g. lasting 5m.', rangeOf(lasting));
      return {
        kind: 'event' as const,
        at,
        action: 'calls' as const,
        actionRange: rangeOf(calls),
        subject: pool,
        count,
        lasting: duration,
        range: span(atToken, this.lastToken),
      };
    });
  });

  /** After `at TIME`: `expect POOL on TARGET (CMP COUNT)?`. */
  private countExpectation = this.RULE('countExpectation', (atToken: IToken, at: ast.NumberLiteral | undefined): ast.ExpectOnStep => {
    const expect = this.take(this.CONSUME(t.Expect));
    const poolToken = this.SUBRULE(this.maybeName);
    const pool = this.ACTION(() => this.nameOrReport(poolToken, 'a pool name', expect));
    let on: IToken | undefined;
    let target: ast.ExpectOnStep['target'];
    this.OPTION(() => {
      on = this.take(this.CONSUME(t.On));
      this.OPTION2(() => {
        this.OR([
          {
            ALT: () => {
              const name = this.take(this.CONSUME(t.Name));
              this.ACTION(() => (target = { text: name.image, range: rangeOf(name) }));
            },
          },
          {
            ALT: () => {
              const word = this.take(this.CONSUME(t.Unregistered));
              this.ACTION(() => (target = { kind: 'unregistered', range: rangeOf(word) }));
            },
          },
        ]);
      });
    });
    const comparisonToken = this.SUBRULE(this.maybeComparison);
    const comparison = this.ACTION(() => this.toComparison(comparisonToken));
    const countToken = this.SUBRULE(this.maybeCount);
    const count = this.ACTION(() => this.toCount(countToken));
    return this.ACTION(() => {
      if (pool && !on) this.report('Expected `on` and a target after the pool, e.g. expect HQ on CM2 >= 800.', pool.range);
      else if (on && !target) this.report('Expected a callmanager, srst router or `unregistered` after `on`.', rangeOf(on));
      else if (comparison && !count) this.report('Expected a count after the comparison: a number, a percent, all or none.', comparison.range);
      else if (!comparison && count) this.report('Expected a comparison (==, !=, <=, >=, <, >) before the count.', count.range);
      return { kind: 'expect-on' as const, at, pool, target, comparison, count, range: span(atToken, this.lastToken) };
    });
  });

  /** After `at TIME`: an unknown word, or nothing. Reported, and kept as a `stop` without a subject. */
  private unknownEvent = this.RULE('unknownEvent', (atToken: IToken, at: ast.NumberLiteral | undefined): ast.EventStep => {
    let unknown: IToken | undefined;
    this.OPTION(() => {
      unknown = this.take(this.CONSUME(t.Name));
    });
    return this.ACTION(() => {
      if (unknown) {
        const guess = closest(unknown.image, AFTER_AT_WORDS);
        const hint = guess ? ` Did you mean \`${guess}\`?` : '';
        this.report(`Unknown event \`${unknown.image}\`: expected ${EVENT_WORDS.join(', ')} or expect.${hint}`, rangeOf(unknown));
      } else if (at) {
        this.report(`Expected an event (${EVENT_WORDS.join(', ')}) or \`expect\` after \`at ${at.text}\`.`, at.range);
      }
      return {
        kind: 'event' as const,
        at,
        action: 'stop' as const,
        actionRange: rangeOf(unknown ?? atToken),
        range: span(atToken, this.lastToken),
        subject: undefined,
      };
    });
  });

  private expectStep = this.RULE('expectStep', (): ast.ExpectOutageStep | ast.ExpectPeakStep | ast.ExpectSettledStep | ast.ExpectOnStep => {
    const expect = this.take(this.CONSUME(t.Expect));
    let step!: ast.ExpectOutageStep | ast.ExpectPeakStep | ast.ExpectSettledStep | ast.ExpectOnStep;
    this.OR([
      {
        ALT: () => {
          const word = this.take(this.CONSUME(t.Outage));
          const poolToken = this.SUBRULE(this.maybeName);
          const pool = this.ACTION(() => this.nameOrReport(poolToken, 'a pool name', word));
          const comparisonToken = this.SUBRULE(this.maybeComparison);
          const comparison = this.ACTION(() => this.toComparison(comparisonToken));
          const valueToken = this.SUBRULE(this.maybeDuration);
          const value = this.ACTION(() => this.durationLiteral(valueToken.number, valueToken.unit));
          this.ACTION(() => {
            if (pool && !comparison) this.report('Expected a comparison and a duration, e.g. expect outage HQ <= 2m.', pool.range);
            else if (comparison && !value) this.report('Expected a duration after the comparison, e.g. 2m.', comparison.range);
            step = { kind: 'expect-outage', pool, comparison, value, range: span(expect, this.lastToken) };
          });
        },
      },
      {
        ALT: () => {
          const word = this.take(this.CONSUME(t.Peak));
          const targetToken = this.SUBRULE2(this.maybeName);
          const target = this.ACTION(() => this.nameOrReport(targetToken, 'a callmanager or srst router name', word));
          const comparisonToken = this.SUBRULE2(this.maybeComparison);
          const comparison = this.ACTION(() => this.toComparison(comparisonToken));
          const valueToken = this.SUBRULE2(this.maybeNumber);
          const value = this.ACTION(() => this.toNumber(valueToken));
          this.ACTION(() => {
            if (target && !comparison) this.report('Expected a comparison and a phone count, e.g. expect peak CM2 <= 2500.', target.range);
            else if (comparison && !value) this.report('Expected a phone count after the comparison.', comparison.range);
            else if (value && value.kind !== 'int' && value.kind !== 'malformed')
              this.report(`Expected a whole number of phones, not \`${value.text}\`.`, value.range);
            step = { kind: 'expect-peak', target, comparison, value, range: span(expect, this.lastToken) };
          });
        },
      },
      {
        ALT: () => {
          const word = this.take(this.CONSUME(t.Settled));
          let by: IToken | undefined;
          this.OPTION(() => {
            by = this.take(this.CONSUME(t.By));
          });
          const valueToken = this.SUBRULE2(this.maybeDuration);
          const value = this.ACTION(() => this.durationLiteral(valueToken.number, valueToken.unit));
          this.ACTION(() => {
            if (!by) this.report('Expected `by` and a time, e.g. expect settled by 45m.', rangeOf(word));
            else if (!value) this.report('Expected a time after `by`, e.g. 45m.', rangeOf(by));
            step = { kind: 'expect-settled', by: value, range: span(expect, this.lastToken) };
          });
        },
      },
      {
        ALT: () => {
          const pool = this.take(this.CONSUME(t.Name));
          this.ACTION(() => {
            this.report(`A count expectation needs a time: write \`at TIME expect ${pool.image} on …\`.`, span(expect, pool));
            step = { kind: 'expect-on', pool: { text: pool.image, range: rangeOf(pool) }, range: span(expect, pool) };
          });
        },
      },
      {
        ALT: () => {
          this.ACTION(() => {
            this.report('Expected `outage`, `peak` or `settled` after `expect` (or `at TIME expect POOL on TARGET`).', rangeOf(expect));
            step = { kind: 'expect-settled', range: rangeOf(expect) };
          });
        },
      },
    ]);
    return step;
  });
}

let shared: FailoverParser | undefined;

export interface ParseOptions {
  /**
   * The text is the rest of a file whose earlier part holds definitions, settings or scenarios
   * (so an `import` in it is out of place). For re-parsing a part of a file; see incremental.ts.
   */
  readonly itemsBefore?: boolean;
}

/** The parse of a text before documentation comments are attached to its definitions. */
export interface RawParse {
  readonly imports: readonly ast.ImportDecl[];
  readonly items: readonly ast.Item[];
  readonly comments: readonly ast.Comment[];
  readonly errors: readonly ast.SyntaxError[];
  /**
   * False when the result depends on more than the text: the parser failed internally, or an error
   * at the end of input had no token to stand on. A part of a file parsed alone must then be
   * parsed again with the whole file.
   */
  readonly selfContained: boolean;
}

/** Lexes and parses; never throws. */
export function parseRaw(text: string, options: ParseOptions = {}): RawParse {
  return parseWithoutProblems(text, options.itemsBefore ?? false) ?? parseWithRecovery(text, options);
}

/** The full parser, which finds and explains every problem (`parseRaw` without its fast path). */
export function parseWithRecovery(text: string, options: ParseOptions = {}): RawParse {
  const parser = (shared ??= new FailoverParser());
  const lexed = t.failoverLexer.tokenize(text);
  parser.begin(lexed.tokens, text, options.itemsBefore ?? false);
  let file: ast.SourceFile;
  try {
    file = parser.file();
  } catch (error) {
    // A parser bug must not take the editor down: report it as a syntax error on the whole file.
    return {
      imports: [],
      items: [],
      comments: [],
      errors: [{ message: `Internal parser error: ${error instanceof Error ? error.message : String(error)}`, range: { start: 0, end: text.length } }],
      selfContained: false,
    };
  }
  const errors: ast.SyntaxError[] = [];
  for (const e of lexed.errors) {
    errors.push({ message: `Unexpected character ${showCharacters(text.substr(e.offset, e.length))}.`, range: { start: e.offset, end: e.offset + e.length } });
  }
  errors.push(...parser.takeProblems());
  errors.sort((a, b) => a.range.start - b.range.start);
  const comments = (lexed.groups['comments'] ?? []).map((c) => ({ text: c.image, range: rangeOf(c) }));
  return { imports: file.imports, items: file.items, comments, errors, selfContained: !parser.unanchored };
}

/** Characters as a message can show them: invisible and control characters by their code point. */
function showCharacters(chars: string): string {
  if (!/[\p{Cc}\p{Cf}\p{Z}\p{Cs}\p{Co}\p{Cn}]/u.test(chars)) return `\`${chars}\``;
  return [...chars].map((c) => `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`).join(' ');
}

/** Parses one file. Never throws: problems come back as `errors`, and the tree has what could be read. */
export function parse(text: string): ast.ParseResult {
  const raw = parseRaw(text);
  const items = attachDocumentation(raw.items, raw.comments, text);
  return { file: { imports: raw.imports, items, comments: raw.comments, range: { start: 0, end: text.length } }, errors: raw.errors };
}

/** Whether text[from, to) is /^[ \t\f\v\uFEFF\u00A0]*\r?\n[ \t\f\v\uFEFF\u00A0]*$/, read without a copy of it. */
function isOneLineBreak(text: string, from: number, to: number): boolean {
  let i = from;
  while (i < to && isInlineBlank(text.charCodeAt(i))) i++;
  if (i < to && text.charCodeAt(i) === 13) i++;
  if (i >= to || text.charCodeAt(i) !== 10) return false;
  i++;
  while (i < to && isInlineBlank(text.charCodeAt(i))) i++;
  return i === to;
}

/** [ \t\f\v\uFEFF\u00A0]: the lexer's whitespace but line breaks. */
const isInlineBlank = (c: number): boolean => c === 32 || c === 9 || c === 12 || c === 11 || c === 0xfeff || c === 0xa0;

/** Comment lines directly above a definition (nothing else on their lines) become its `doc`. */
export function attachDocumentation(items: readonly ast.Item[], comments: readonly ast.Comment[], text: string): ast.Item[] {
  if (comments.length === 0) return items as ast.Item[];
  let c = 0;
  return items.map((item) => {
    if (item.kind === 'settings') return item;
    while (c < comments.length && comments[c]!.range.end <= item.range.start) c++;
    const lines: string[] = [];
    let boundary = item.range.start;
    for (let i = c - 1; i >= 0; i--) {
      const comment = comments[i]!;
      // One line break, with only the lexer's other whitespace around it (a BOM or a no-break space
      // is whitespace to the lexer, and the formatter drops it: it must not decide what is a doc).
      if (!isOneLineBreak(text, comment.range.end, boundary)) break;
      const lineStart = text.lastIndexOf('\n', comment.range.start - 1) + 1;
      if (text.slice(lineStart, comment.range.start).trim() !== '') break;
      lines.unshift(comment.text.replace(/^#+ ?/, ''));
      boundary = comment.range.start;
    }
    return lines.length > 0 ? { ...item, doc: lines.join('\n') } : item;
  });
}

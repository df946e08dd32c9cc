// The extension manifest (package.json) against the code it describes: commands the client
// registers, the command the server's lens runs, the settings the server reads, the codes
// failover.config.json accepts, and the files it points at.
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Commands } from '../../client/src/commandIds';
import { DIAGNOSTIC_CODES } from '../../server/src/core/diagnostics';
import { ADVISE_FIX_COMMAND } from '../../server/src/lsp/features/advice';
import { SHOW_SWEEP_CHART_COMMAND, SHOW_TIMELINE_COMMAND } from '../../server/src/lsp/features/codeLens';
import { ruleConfigSchema } from '../../server/src/core/workspace/configSchema';
import { DEFAULT_EDITOR_CONFIGURATION } from '../../server/src/lsp/editorConfiguration';

const ROOT = path.resolve(__dirname, '../..');
const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
const properties = manifest.contributes.configuration.properties;

describe('extension manifest', () => {
  it('activates on .failover files and starts from the extension bundle', () => {
    expect(manifest.main).toBe('./dist/extension.js');
    expect(manifest.activationEvents).toContain('onLanguage:failover');
    expect(manifest.engines.vscode).toBe('^1.82.0');
    expect(manifest.contributes.languages[0]).toMatchObject({ id: 'failover', extensions: ['.failover'] });
    expect(manifest.contributes.grammars[0]).toMatchObject({ language: 'failover', scopeName: 'source.failover' });
  });

  it('contributes exactly the commands the client registers, in the Failover category', () => {
    const contributed = manifest.contributes.commands.map((c: { command: string }) => c.command).sort();
    expect(contributed).toEqual(Object.values(Commands).sort());
    for (const command of manifest.contributes.commands) expect(command.category).toBe('Failover');
    expect(manifest.contributes.commands.map((c: { title: string }) => `Failover: ${c.title}`)).toEqual([
      'Failover: Show Timeline',
      'Failover: Run Scenario',
      'Failover: Export Results',
      'Failover: Restart Language Server',
      'Failover: Import from CUCM…',
      'Failover: Show Sweep Chart',
      "Failover: Apply the Advisor's Value",
    ]);
  });

  it('names the command that the server’s Show timeline lens runs', () => {
    expect(SHOW_TIMELINE_COMMAND).toBe(Commands.showTimeline);
    expect(SHOW_SWEEP_CHART_COMMAND).toBe(Commands.showSweepChart);
    expect(ADVISE_FIX_COMMAND).toBe(Commands.adviseFix);
  });

  it('offers the palette commands only in .failover editors, but Import from CUCM everywhere (it starts from export files)', () => {
    for (const entry of manifest.contributes.menus.commandPalette) expect(entry.when).toContain('editorLangId == failover');
    const restricted = manifest.contributes.menus.commandPalette.map((entry: { command: string }) => entry.command);
    expect(restricted).not.toContain(Commands.importCucm);
    expect(manifest.contributes.menus['editor/title']).toEqual([
      expect.objectContaining({ command: Commands.showTimeline, when: 'resourceLangId == failover' }),
    ]);
  });

  it('declares the simulation settings with the server’s defaults', () => {
    expect(properties['failover.simulation.mode']).toMatchObject({ enum: ['onType', 'onSave', 'off'], default: DEFAULT_EDITOR_CONFIGURATION.simulation.mode });
    expect(properties['failover.simulation.mode'].enumDescriptions).toHaveLength(3);
    expect(properties['failover.simulation.timeBudgetMs'].default).toBe(DEFAULT_EDITOR_CONFIGURATION.simulation.timeBudgetMs);
    expect(properties['failover.simulation.maxPhones'].default).toBe(DEFAULT_EDITOR_CONFIGURATION.simulation.maxPhones);
    expect(properties['failover.trace.server']).toMatchObject({ enum: ['off', 'messages', 'verbose'], default: 'off' });
  });

  it('lets every configurable diagnostic code be given a severity, as failover.config.json does', () => {
    const rules = properties['failover.rules'];
    const configurable = Object.keys(DIAGNOSTIC_CODES).filter((code) => code !== 'syntax-error');
    expect(Object.keys(rules.properties).sort()).toEqual(configurable.sort());
    for (const code of configurable) expect(rules.properties[code].enum).toEqual(['off', 'error', 'warning', 'info', 'hint']);
    expect(rules.additionalProperties).toBe(false);
  });

  it("describes each rule as the code table DIAGNOSTIC_CODES does, with its built-in severity, in the table's order", () => {
    const rules = properties['failover.rules'].properties;
    const configurable = (Object.keys(DIAGNOSTIC_CODES) as (keyof typeof DIAGNOSTIC_CODES)[]).filter((code) => code !== 'syntax-error');
    expect(Object.keys(rules)).toEqual(configurable);
    for (const code of configurable) {
      const { description, severity } = DIAGNOSTIC_CODES[code];
      expect(rules[code].markdownDescription, code).toBe(`${description} Built-in severity: \`${severity}\`.`);
    }
  });

  it('gives the setting failover.rules the choices and descriptions of the config schema', () => {
    const rules = properties['failover.rules'].properties;
    const schemaRules = ruleConfigSchema().properties!['rules']!.properties!;
    expect(Object.keys(rules)).toEqual(Object.keys(schemaRules));
    for (const [code, schema] of Object.entries(schemaRules)) {
      expect(rules[code].enum, code).toEqual(schema.enum);
      expect(rules[code].markdownDescription, code).toBe(schema.markdownDescription);
    }
  });

  it('treats failover.config.json as JSON with comments, checked against the schema the build writes', () => {
    expect(manifest.contributes.languages).toContainEqual({ id: 'jsonc', filenames: ['failover.config.json'] });
    expect(manifest.contributes.jsonValidation).toEqual([{ fileMatch: 'failover.config.json', url: './dist/failover.config.schema.json' }]);
    // dist/ is built before the tests (test/support/globalSetup.ts), as by `npm run package`.
    const written = JSON.parse(readFileSync(path.join(ROOT, manifest.contributes.jsonValidation[0].url), 'utf8'));
    expect(written).toEqual(ruleConfigSchema());
  });

  it('activates on .failover documents only: a workspaceContains search at start-up timed out in code-server', () => {
    expect(manifest.activationEvents).toEqual(['onLanguage:failover']);
  });

  it('activates for Import from CUCM with no .failover file open: VS Code 1.74 and later activate on a contributed command by themselves', () => {
    const [major, minor] = (/^\^(\d+)\.(\d+)\./.exec(manifest.engines.vscode) ?? []).slice(1).map(Number);
    expect(major! > 1 || minor! >= 74).toBe(true);
    expect(manifest.contributes.commands.map((c: { command: string }) => c.command)).toContain(Commands.importCucm);
  });

  it('works in untrusted workspaces and not in virtual ones', () => {
    expect(manifest.capabilities.untrustedWorkspaces.supported).toBe(true);
    expect(manifest.capabilities.virtualWorkspaces.supported).toBe(false);
  });

  it('points at files that exist', () => {
    const files = [
      manifest.icon,
      // failover.config.json's entry only associates a file name with VS Code's own jsonc.
      ...manifest.contributes.languages.flatMap((l: { configuration?: string }) => (l.configuration ? [l.configuration] : [])),
      ...manifest.contributes.grammars.map((g: { path: string }) => g.path),
      ...manifest.contributes.snippets.map((s: { path: string }) => s.path),
    ];
    for (const file of files) expect(existsSync(path.join(ROOT, file)), file).toBe(true);
  });
});

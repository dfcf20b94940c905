import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LANGS } from '../src/lib/locale.ts';
import { FRENCH_EFFECTS, MANAGED_POLICY_NAMES, managedPolicyRows } from '../src/lib/managed-policy.ts';
import { contentDir } from './pages.ts';

describe('administrators’ policy table', () => {
  it('has one row per key of the schema the extension ships, in both languages', () => {
    expect(MANAGED_POLICY_NAMES.length).toBeGreaterThanOrEqual(9);
    expect(Object.keys(FRENCH_EFFECTS).sort()).toEqual([...MANAGED_POLICY_NAMES].sort());
    for (const lang of LANGS) {
      const rows = managedPolicyRows(lang);
      expect(rows.map((row) => row.name)).toEqual(MANAGED_POLICY_NAMES);
      for (const row of rows) {
        expect(row.effect.length, `${lang} ${row.name}`).toBeGreaterThan(30);
        expect(row.type.length).toBeGreaterThan(0);
        expect(row.defaultValue.length).toBeGreaterThan(0);
      }
    }
  });

  it('reads types, ranges and defaults from the schema', () => {
    const byName = Object.fromEntries(managedPolicyRows('en').map((row) => [row.name, row]));
    expect(byName.autoLockMaxMinutes?.type).toBe('integer, 1 to 1440');
    expect(byName.allowUnencryptedExport?.defaultValue).toBe('true');
    expect(byName.issuerSites?.shape).toBe('{ "issuer": string, "sites": [string] }');
    expect(byName.nmcHosts?.shape).toBe(
      '{ "origin": string, "toolAccounts": [{ "tool": "secure-nmc-system-tool" | "ecostruxure-it-expert" | "data-center-expert", "user": string }] }',
    );
    expect(managedPolicyRows('fr').find((row) => row.name === 'clipboardClearSeconds')?.type).toBe(
      'entier, de 0 à 600',
    );
  });

  it('uses every key in both JSON examples of both languages, and nothing else', () => {
    for (const lang of LANGS) {
      const page = readFileSync(join(contentDir, lang, 'extension/for-administrators.mdx'), 'utf8');
      const examples = [...page.matchAll(/```json[^\n]*\n([\s\S]*?)```/g)].map((match) =>
        JSON.parse(match[1] as string),
      );
      const policies = examples.flatMap((example) => {
        const chrome = example['3rdparty']?.extensions;
        const firefox = example.policies?.['3rdparty']?.Extensions;
        return Object.values((chrome ?? firefox ?? {}) as Record<string, Record<string, unknown>>);
      });
      expect(policies, lang).toHaveLength(2);
      for (const policy of policies) expect(Object.keys(policy)).toEqual(MANAGED_POLICY_NAMES);
    }
  });
});

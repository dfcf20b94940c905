/**
 * Autofill preferences, kept apart from the encrypted vault because the content-script side needs them before
 * (and without) unlocking. They hold origins and random account ids only, never secrets.
 */
export interface AutofillSettings {
  /** Origins where the user granted "always detect": the in-field button shows there. */
  alwaysDetect: string[];
  /** Accounts for which the user turned "submit after fill" on. */
  submitAfterFill: string[];
  /** Accounts that fill only on the exact hosts they are bound to, not on the rest of the registrable domain. */
  exactHost: string[];
}

export const AUTOFILL_SETTINGS_KEY = 'autofill.settings';

export interface SettingsArea {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}

export async function readAutofillSettings(area: SettingsArea): Promise<AutofillSettings> {
  const stored = (await area.get(AUTOFILL_SETTINGS_KEY))[AUTOFILL_SETTINGS_KEY] as
    | Partial<AutofillSettings>
    | undefined;
  return {
    alwaysDetect: stringList(stored?.alwaysDetect),
    submitAfterFill: stringList(stored?.submitAfterFill),
    exactHost: stringList(stored?.exactHost),
  };
}

export async function updateAutofillSettings(
  area: SettingsArea,
  change: (settings: AutofillSettings) => AutofillSettings,
): Promise<AutofillSettings> {
  const next = change(await readAutofillSettings(area));
  const normalized = {
    alwaysDetect: [...new Set(next.alwaysDetect)],
    submitAfterFill: [...new Set(next.submitAfterFill)],
    exactHost: [...new Set(next.exactHost)],
  };
  await area.set({ [AUTOFILL_SETTINGS_KEY]: normalized });
  return normalized;
}

/** Adds or removes `item` from a list setting. */
export function toggled(list: readonly string[], item: string, enabled: boolean): string[] {
  return enabled ? [...new Set([...list, item])] : list.filter((entry) => entry !== item);
}

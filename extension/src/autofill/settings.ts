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
  /**
   * "Add the code after the password": per account and bound site (the page's origin), chosen by the user in the
   * popup, never guessed. On that site the code is typed into the password field, after (or before) the password.
   */
  appendCode?: AppendCodeChoice[];
}

export interface AppendCodeChoice {
  account: string;
  origin: string;
  position: 'after' | 'before';
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
    appendCode: appendChoices(stored?.appendCode),
  };
}

function appendChoices(value: unknown): AppendCodeChoice[] {
  if (!Array.isArray(value)) return [];
  return value.filter(
    (item): item is AppendCodeChoice =>
      typeof item === 'object' &&
      item !== null &&
      typeof item.account === 'string' &&
      typeof item.origin === 'string' &&
      (item.position === 'after' || item.position === 'before'),
  );
}

/** The user's choice for this account on this origin, if any. */
export function appendChoiceFor(
  settings: AutofillSettings,
  account: string,
  origin: string,
): AppendCodeChoice['position'] | undefined {
  return settings.appendCode?.find((choice) => choice.account === account && choice.origin === origin)?.position;
}

/** Records (or replaces) the choice for this account and origin. */
export function withAppendChoice(settings: AutofillSettings, choice: AppendCodeChoice): AutofillSettings {
  const others = (settings.appendCode ?? []).filter(
    (entry) => !(entry.account === choice.account && entry.origin === choice.origin),
  );
  return { ...settings, appendCode: [...others, choice] };
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
    appendCode: appendChoices(next.appendCode),
  };
  await area.set({ [AUTOFILL_SETTINGS_KEY]: normalized });
  return normalized;
}

/** Adds or removes `item` from a list setting. */
export function toggled(list: readonly string[], item: string, enabled: boolean): string[] {
  return enabled ? [...new Set([...list, item])] : list.filter((entry) => entry !== item);
}

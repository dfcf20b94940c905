import { browser } from 'wxt/browser';
import { i18n } from '#i18n';

/**
 * Messages with a count, worded by the language's own plural rules (Intl.PluralRules): English and French differ
 * at 0 ("0 accounts", "0 compte") and French has a form for large round numbers. Each such message has one key
 * per CLDR category it needs (`one`, `other`, and `many` where the language has it) under its name, and may have
 * `zero` for what to say when there is nothing ("Nothing new to add" rather than "Add 0 accounts").
 */
export type PluralKey =
  | 'options.exported'
  | 'options.importConfirm'
  | 'options.imported'
  | 'options.accountsSites.count'
  | 'managed.autoLockMax'
  | 'managed.clipboardClear'
  | 'passphrase.minLength'
  | 'list.copyLabel'
  | 'add.confirm'
  | 'add.added'
  | 'preview.summary.new'
  | 'preview.summary.duplicates'
  | 'preview.summary.invalid'
  | 'phone.transfer'
  | 'phone.selectedCount';

export type MessageLookup = (name: string, substitutions: string[]) => string;

const rules = new Map<string, Intl.PluralRules>();

/** The message for `count` from `lookup` (which answers '' for a key it does not have). */
export function pluralMessage(
  lookup: MessageLookup,
  locale: string,
  key: string,
  count: number,
  substitutions: string[],
): string {
  let rule = rules.get(locale);
  if (!rule) {
    rule = new Intl.PluralRules(locale);
    rules.set(locale, rule);
  }
  const form = (category: string) => lookup(`${key}.${category}`, substitutions);
  return (count === 0 && form('zero')) || form(rule.select(count)) || form('other') || key;
}

let numbers: Intl.NumberFormat | undefined;
let uiLocale: string | undefined;
const locale = () => {
  uiLocale ??= i18n.t('extension.lang') || 'en';
  return uiLocale;
};

/** "1 account", "12 accounts", "1 234 comptes": the count formatted and the wording chosen for the UI language. */
export function countText(key: PluralKey, count: number, substitutions?: ReadonlyArray<string | number>): string {
  numbers ??= new Intl.NumberFormat(locale());
  const subs = (substitutions ?? [count]).map((value) =>
    typeof value === 'number' ? (numbers?.format(value) ?? String(value)) : value,
  );
  return pluralMessage(
    // The category is only known at run time, so the message name is built here (WXT types only literal keys).
    (name, values) =>
      (browser.i18n.getMessage as (name: string, values: string[]) => string)(name.replaceAll('.', '_'), values),
    locale(),
    key,
    count,
    subs,
  );
}

import type { Lang } from './locale.ts';

/** The forms of a counted phrase, `{count}` standing for the number; `one` and `other` are what en and fr need. */
export interface PluralForms {
  one: string;
  other: string;
}

const rules = new Map<Lang, Intl.PluralRules>();

/**
 * "1 account", "4 accounts", "0 compte", "2 comptes": the form chosen by the language's own plural rules
 * (French counts 0 and 1 as singular), the number formatted for that language.
 */
export function plural(lang: Lang, count: number, forms: PluralForms): string {
  let rule = rules.get(lang);
  if (!rule) {
    rule = new Intl.PluralRules(lang);
    rules.set(lang, rule);
  }
  const form = rule.select(count) === 'one' ? forms.one : forms.other;
  return form.replaceAll('{count}', new Intl.NumberFormat(lang).format(count));
}

/** One user's page: `usercfg.htm?user=` (the edit form) and `usrcnfrm.htm` (the values Next shows before Apply). */
import type { NmcUser } from '../evaluate.ts';
import { normalizeEmailCell, normalizeLabel, parseEnabledLabel } from '../labels.ts';
import { FIELD_TERMS, termSet } from '../vocabulary.ts';
import { inputType, isCheckable } from './elements.ts';
import { fieldOf, type Pair } from './pairs.ts';

const ACCESS_LABELS = termSet(FIELD_TERMS.access);
const ACCESS_IDS = new Set(['access', 'enable', 'user access', 'account access']);

const isAccessLabel = (pair: Pair) =>
  ACCESS_LABELS.has(normalizeLabel(pair.label)) ||
  (pair.labelId !== undefined && ACCESS_IDS.has(normalizeLabel(pair.labelId))) ||
  fieldOf(pair.label, pair.labelId) === 'status';

/** A row that only a user's own page has: the E-mail Address field as a form control. */
export function isUserFormMarker(pair: Pair): boolean {
  return fieldOf(pair.label, pair.labelId) === 'email' && pair.control !== undefined;
}

/** A user's edit form (or its confirmation): the name from the form, else from `?user=`. Passwords are never read. */
export function readUserForm(pairs: Pair[], query: URLSearchParams | undefined): NmcUser | undefined {
  let name: string | undefined;
  let email: string | undefined;
  let userType: string | undefined;
  let enabled: boolean | undefined;
  for (const pair of pairs) {
    if (pair.control && inputType(pair.control) === 'password') continue;
    if (isAccessLabel(pair)) {
      if (enabled !== undefined) continue;
      const box = pair.control && isCheckable(pair.control) ? (pair.control as HTMLInputElement) : undefined;
      if (box) enabled = box.checked;
      else enabled = parseEnabledLabel(pair.value.replace(/[✓☐]/g, (mark) => (mark === '✓' ? 'enabled' : 'disabled')));
      continue;
    }
    // Other boxes on the page ("Serial Remote Authentication Override: [x] Enable") say nothing about the user.
    if (pair.control && isCheckable(pair.control)) continue;
    const field = fieldOf(pair.label, pair.labelId);
    if (field === 'name') name ??= pair.value;
    else if (field === 'email') email ??= pair.value;
    else if (field === 'userType') userType ??= pair.value;
    else if (field === 'status' && enabled === undefined) enabled = parseEnabledLabel(pair.value);
  }
  const fromQuery = query?.get('user') ?? undefined;
  const finalName = name?.trim() || fromQuery?.trim() || '';
  // `usercfg.htm?user=` with an empty form is "Add User": nobody to read yet.
  if (finalName === '') return undefined;
  const user: NmcUser = { name: finalName };
  if (email !== undefined) user.email = normalizeEmailCell(email);
  if (userType?.trim()) user.userType = userType.trim();
  if (enabled !== undefined) user.enabled = enabled;
  return user;
}

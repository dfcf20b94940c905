/**
 * "Check again" in the fleet view: reads one card's own pages again, with the access the admin granted for that
 * origin and only on the admin's click, as "Check all users" does on the card's page. The list page last read there
 * first, then the pages of users whose e-mail is still unknown, one at a time; what they show goes to the
 * background, which stays the only writer. Nothing is requested anywhere but that origin.
 */
import { readNmcPageDetailed } from '@mfa-companion/policy/dom';
import { browser } from 'wxt/browser';
import { originPattern } from '../origin-pattern';
import { pageReadOf } from './knowledge';
import { loadHost } from './store';
import type { NmcCheckResult, NmcPageRead, NmcRequest } from './types';

export type CheckAgainOutcome = 'done' | 'no-page' | 'sign-in' | 'denied' | 'failed';

/** At most this many user pages per click: a card's small web server is not flooded. */
const MAX_USER_PAGES = 200;

async function report(origin: string, read: NmcPageRead): Promise<NmcCheckResult | undefined> {
  const reply = (await browser.runtime.sendMessage({ type: 'nmc:report-for', origin, read } satisfies NmcRequest)) as
    | { result?: NmcCheckResult }
    | undefined;
  return reply?.result;
}

/** One page of the card, or `undefined` when it is not a page of this origin. */
async function readPage(origin: string, url: string) {
  if (new URL(url).origin !== origin) return undefined;
  const response = await fetch(url, { credentials: 'include', cache: 'no-store' });
  const finalUrl = response.url || url;
  if (new URL(finalUrl).origin !== origin || !response.ok) return undefined;
  const doc = new DOMParser().parseFromString(await response.text(), 'text/html');
  return { reading: readNmcPageDetailed(doc, finalUrl), url: finalUrl };
}

/**
 * Must be called straight from the click: the permission request is its first step, so the browser can show its
 * prompt (it answers at once when the access is already granted).
 */
export async function checkHostAgain(origin: string): Promise<CheckAgainOutcome> {
  const granted = await browser.permissions.request({ origins: [originPattern(origin)] }).catch(() => false);
  if (!granted) return 'denied';
  const known = await loadHost(origin);
  const listPage = known?.listPage;
  const userPages = new Map((known?.users ?? []).flatMap((user) => (user.page ? [[user.name, user.page]] : [])));
  if (!listPage && userPages.size === 0) return 'no-page';
  try {
    let result: NmcCheckResult | undefined;
    if (listPage) {
      const page = await readPage(origin, listPage);
      if (!page) return 'failed';
      if (page.reading.page === 'login') return 'sign-in';
      const read = pageReadOf(page.reading, page.url);
      if (!read?.list) return 'failed';
      result = await report(origin, read);
      for (const [name, url] of Object.entries(read.list.userPages)) userPages.set(name, url);
    }
    const still =
      result?.usersToCheck ?? (known?.users ?? []).filter((user) => user.email === 'unknown').map((u) => u.name);
    for (const name of still.slice(0, MAX_USER_PAGES)) {
      const url = userPages.get(name);
      if (!url) continue;
      const page = await readPage(origin, url);
      if (!page) continue;
      if (page.reading.page === 'login') return 'sign-in';
      const user = pageReadOf(page.reading, page.url)?.user;
      if (user && user.name.toLowerCase() === name.toLowerCase()) await report(origin, { user });
    }
    return 'done';
  } catch {
    return 'failed';
  }
}

/**
 * The docs page that explains the fix. The site's address is the organisation's copy when its policy names one
 * (`docsBaseUrl`), otherwise the one set at build time (WXT_DOCS_SITE), defaulting to the local `npm start`
 * server; following the link is the admin's click, never a request of ours.
 */
const DOCS_SITE = (import.meta.env.WXT_DOCS_SITE as string | undefined) || 'http://127.0.0.1:4321/';
const DOCS_PAGE = 'troubleshooting/nmc3-firmware-update-mfa/';

export function nmcDocsUrl(uiLanguage: string, docsSite: string = DOCS_SITE): string {
  const language = uiLanguage.toLowerCase().startsWith('fr') ? 'fr' : 'en';
  return new URL(`${language}/${DOCS_PAGE}`, docsSite.endsWith('/') ? docsSite : `${docsSite}/`).href;
}

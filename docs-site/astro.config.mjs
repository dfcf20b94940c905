// @ts-check
import preact from '@astrojs/preact';
import sitemap from '@astrojs/sitemap';
import starlight from '@astrojs/starlight';
import { defineConfig } from 'astro/config';
import { searchElision } from './src/integrations/search-elision.ts';
import searchRanking from './src/search-ranking.json' with { type: 'json' };
import { sidebar } from './src/sidebar.mjs';

// Where the site is published: both are read at build time so one build can target any static host.
const site = process.env.DOCS_SITE ?? 'http://127.0.0.1:4321';
const base = process.env.DOCS_BASE ?? '/';
/** The bare root only redirects to /en/ or /fr/, so it is no page for search engines to list. */
const languageChooser = new URL(base, site).href;
/** Wraps Starlight's Pagefind step so French elisions (l’, d’…) are indexed as separate words (see the file). */
const elision = searchElision();

export default defineConfig({
  site,
  base,
  trailingSlash: 'always',
  vite: {
    build: {
      rolldownOptions: {
        onLog(level, log, handler) {
          // Astro tags every MDX page with its own "use astro:head-inject" directive, which it handles itself; the
          // bundler only reports that it does not know it (one warning per page, nothing to fix on our side).
          if (log.code === 'MODULE_LEVEL_DIRECTIVE' && String(log.message).includes('astro:head-inject')) return;
          handler(level, log);
        },
      },
    },
  },
  integrations: [
    elision.before,
    starlight({
      title: { en: 'MFA Companion docs', fr: 'Documentation MFA Companion' },
      description:
        'Independent help for multi-factor authentication on building and power infrastructure: set-up, recovery, NMC3 firmware updates and the MFA Companion extension.',
      defaultLocale: 'en',
      locales: {
        en: { label: 'English', lang: 'en' },
        fr: { label: 'Français', lang: 'fr' },
      },
      credits: false,
      // Our own src/pages/404.astro (see there): Starlight's would warn that no `404` docs entry exists.
      disable404Route: true,
      lastUpdated: false,
      customCss: ['./src/styles/custom.css'],
      components: {
        Footer: './src/components/Footer.astro',
        MarkdownContent: './src/components/MarkdownContent.astro',
        Search: './src/components/Search.astro',
      },
      sidebar,
      // Adds the description and keywords of each page as Pagefind metadata (see the file).
      routeMiddleware: './src/route-data.ts',
      // Ranking tuned against test/search-queries.json (see README, "Search"). It lives in its own file so the search
      // tests rank with exactly what the site's search dialog uses.
      pagefind: { ranking: searchRanking },
    }),
    elision.after,
    preact(),
    // Listed here (instead of Starlight's built-in copy) only to leave out the language chooser; same hreflang setup.
    sitemap({
      i18n: { defaultLocale: 'en', locales: { en: 'en', fr: 'fr' } },
      filter: (page) => page !== languageChooser,
    }),
  ],
});

// @ts-check
// One group per kind of reading: learn (concepts), do (guides), fix (troubleshooting), look up (FAQ, reference),
// try (tools). Pages inside a group are ordered by their `sidebar.order` front matter in each language.

/** @type {Array<{ label: string; translations: Record<string, string>; items: Array<{ autogenerate: { directory: string } }> }>} */
export const sidebar = [
  { label: 'Concepts', translations: { fr: 'Notions' }, items: [{ autogenerate: { directory: 'concepts' } }] },
  {
    label: 'How-to guides',
    translations: { fr: 'Guides pratiques' },
    items: [{ autogenerate: { directory: 'guides' } }],
  },
  {
    label: 'The extension',
    translations: { fr: 'L’extension' },
    items: [{ autogenerate: { directory: 'extension' } }],
  },
  {
    label: 'Troubleshooting',
    translations: { fr: 'Dépannage' },
    items: [{ autogenerate: { directory: 'troubleshooting' } }],
  },
  { label: 'FAQ', translations: { fr: 'FAQ' }, items: [{ autogenerate: { directory: 'faq' } }] },
  { label: 'Tools', translations: { fr: 'Outils' }, items: [{ autogenerate: { directory: 'tools' } }] },
  { label: 'Reference', translations: { fr: 'Référence' }, items: [{ autogenerate: { directory: 'reference' } }] },
];

import { FACT_SOURCES, type FactSourceId, factSource, POLICY, type RegisteredSource } from '@mfa-companion/policy';
import type { Lang } from './locale.ts';

/**
 * A page's citations: `sources` in its front matter lists registry ids, optionally with the part cited
 * (`smartconnect-faq#otpExpiry`), and `<Cite source="…" />` in the text points at one of them. Both are checked against
 * `FACT_SOURCES` (`@mfa-companion/policy`) by the content schema and by test/sources.test.ts.
 */
export interface SourceRef {
  id: FactSourceId;
  section?: string;
}

/** `id` or `id#section`, or undefined when the id is not in the registry or the section is not one of its parts. */
export function parseSourceRef(ref: string): SourceRef | undefined {
  const [id = '', section, ...rest] = ref.split('#');
  const source = factSource(id);
  if (!source || rest.length > 0) return undefined;
  if (section === undefined) return { id: id as FactSourceId };
  return source.sections && Object.hasOwn(source.sections, section) ? { id: id as FactSourceId, section } : undefined;
}

export interface PageSource {
  id: FactSourceId;
  /** 1-based number shown in the text and in the list. */
  number: number;
  source: RegisteredSource;
  /** Titles of the cited parts, as published, in the order the page lists them. */
  sections: string[];
}

/** The page's sources, one entry per document (its cited parts grouped under it), numbered in front-matter order. */
export function pageSources(refs: readonly string[] | undefined): PageSource[] {
  const byId = new Map<FactSourceId, PageSource>();
  for (const ref of refs ?? []) {
    const parsed = parseSourceRef(ref);
    if (!parsed) throw new Error(`Unknown source "${ref}": add it to FACT_SOURCES in @mfa-companion/policy`);
    let entry = byId.get(parsed.id);
    if (!entry) {
      entry = { id: parsed.id, number: byId.size + 1, source: FACT_SOURCES[parsed.id], sections: [] };
      byId.set(parsed.id, entry);
    }
    const title = parsed.section === undefined ? undefined : entry.source.sections?.[parsed.section];
    if (title !== undefined && !entry.sections.includes(title)) entry.sections.push(title);
  }
  return [...byId.values()];
}

/** The anchor of a source's entry in the Sources block. */
export const sourceAnchor = (id: string) => `source-${id}`;

type OurSourceId = {
  [K in FactSourceId]: (typeof FACT_SOURCES)[K]['kind'] extends 'ours' ? K : never;
}[FactSourceId];

/**
 * Our own sources, in French (the registry describes them in English; vendor documents keep their published English
 * titles, marked `lang="en"`). A Record over the ids: a new source of ours does not compile without its wording.
 */
export const OUR_SOURCE_TEXT_FR: Record<OurSourceId, { title: string; what: string }> = {
  'mfa-companion-card-generations': {
    title: 'Comment MFA Companion distingue les générations de cartes',
    what: 'Notre propre lecture des pages « About » et des guides publics des NMC2, PDU en rack et NMC3, pas une déclaration de l’éditeur.',
  },
  'mfa-companion-about-captures': {
    title: 'La lecture par MFA Companion de pages About et de sorties « about » publiques',
    what: 'Notre propre lecture de pages About et de sorties CLI « about » publiques (une NMC3 embarquée affiche sa propre section de carte), pas une déclaration de l’éditeur.',
  },
  'mfa-companion-nmc-caution': {
    title: 'La précaution de MFA Companion sur le compte de mise à jour NMC3',
    what: 'Notre propre précaution, plus stricte que l’article de l’éditeur : un utilisateur sans e-mail dont on sait qu’il est désactivé, ou qu’il n’est ni Super User ni Administrator, n’est pas compté comme compte de mise à jour.',
  },
};

/** Title and one-line description of a source in the page's language. */
export function sourceText(id: FactSourceId, lang: Lang): { title: string; what: string; titleLang: Lang } {
  const source: RegisteredSource = FACT_SOURCES[id];
  if (source.kind === 'ours' && lang === 'fr') {
    const text = OUR_SOURCE_TEXT_FR[id as OurSourceId];
    return { title: text.title, what: text.what, titleLang: 'fr' };
  }
  return { title: source.title, what: source.document, titleLang: 'en' };
}

/** What each source covers, in French (the registry says it in English). A Record: none can be missing. */
export const SOURCE_SCOPE_FR: Record<FactSourceId, string> = {
  'nmc3-firmware-mfa-article': 'Network Management Card 3 sous firmware AOS avec authentification multifacteur',
  'nmc3-dce-ite-faq':
    'Network Management Card 3 à partir du firmware 3.4.0, Data Center Expert et EcoStruxure IT Expert',
  'nmc3-user-guide': 'Interface web des Network Management Card 3 (AP9640, AP9641, AP9643)',
  'smartconnect-faq': 'Comptes cloud Schneider Electric utilisés par SmartConnect',
  'smartconnect-emails': 'Notifications d’événements SmartConnect d’un onduleur enregistré',
  'ebo-password-reset': 'Serveurs EcoStruxure Project Configuration Tool',
  'mfa-companion-card-generations': 'Distinguer les générations de cartes ; pas une déclaration de l’éditeur',
  'nmc1-nmc2-user-guides': `Network Management Card de première génération (${POLICY.withoutMfa.nmc1Models.join(', ')}) et de deuxième génération (${POLICY.withoutMfa.nmc2Models.join(', ')})`,
  'mfa-companion-about-captures':
    'Reconnaître une NMC3 embarquée à la référence de sa carte ; pas une déclaration de l’éditeur',
  'mfa-companion-nmc-caution':
    'Les vérifications NMC de MFA Companion ; plus strictes que l’article de l’éditeur, pas une déclaration de l’éditeur',
};

export function sourceScope(id: FactSourceId, lang: Lang): string {
  return lang === 'fr' ? SOURCE_SCOPE_FR[id] : FACT_SOURCES[id].scope;
}

export const SOURCE_LABELS: Record<
  Lang,
  {
    heading: string;
    intro: string;
    reference: string;
    parts: string;
    appliesTo: string;
    versions: string;
    ours: string;
    cite: (title: string) => string;
  }
> = {
  en: {
    heading: 'Sources',
    intro:
      'The vendor facts on this page come from these documents; titles are quoted as published. Where a line is our own reading or caution, the page says so.',
    reference: 'number',
    parts: 'Cited parts:',
    appliesTo: 'Applies to:',
    versions: 'Product versions:',
    ours: 'Ours, not a vendor statement:',
    cite: (title) => `Source: ${title}`,
  },
  fr: {
    heading: 'Sources',
    intro:
      'Les faits attribués à l’éditeur sur cette page viennent de ces documents ; les titres sont cités tels que publiés. Quand une ligne est notre propre lecture ou précaution, la page le dit.',
    reference: 'numéro',
    parts: 'Parties citées\u00a0:',
    appliesTo: 'S’applique à\u00a0:',
    versions: 'Versions du produit\u00a0:',
    ours: 'De nous, pas de l’éditeur\u00a0:',
    cite: (title) => `Source\u00a0: ${title}`,
  },
};

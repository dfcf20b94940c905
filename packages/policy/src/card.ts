/**
 * Which card generation a piece of hardware evidence names. Only an NMC3 can have MFA; first-generation and NMC2
 * cards never do. A product family (rack PDUs, UPSs) is no evidence: newer devices embed an NMC3 with a model
 * number of their own, so their card's own part number decides, and anything unlisted is `unknown`.
 */
import { type NmcGeneration, POLICY } from './facts.ts';

const MODEL_TOKEN = /\b(AP\d{4}[A-Z]{0,3})\b/gi;
const PART_TOKEN = /\b(0N-\d{4}[A-Z0-9-]*)\b/gi;

/**
 * "AP9641", "ap9641ch", "Model: AP9631 (NMC2)", "AP9619" → the generation, `unknown` for anything not listed.
 * `applicationName` is accepted for compatibility; an application module names what the card runs, not the card.
 */
export function classifyNmcModel(model: string | undefined, _applicationName?: string): NmcGeneration {
  if (typeof model !== 'string' || model.length > 200) return 'unknown';
  for (const match of model.matchAll(MODEL_TOKEN)) {
    const token = (match[1] ?? '').toUpperCase();
    if ((POLICY.nmc3.models as readonly string[]).some((known) => token.startsWith(known))) return 'nmc3';
    if ((POLICY.withoutMfa.nmc2Models as readonly string[]).some((known) => token.startsWith(known))) return 'nmc2';
    if ((POLICY.withoutMfa.nmc1Models as readonly string[]).some((known) => token.startsWith(known))) return 'nmc1';
  }
  const part = classifyCardPartNumber(model);
  return part ?? 'unknown';
}

/** The part number of a card built into another device ("0N-1570-…" is NMC3 hardware), else `undefined`. */
export function classifyCardPartNumber(value: string | undefined): NmcGeneration | undefined {
  if (typeof value !== 'string' || value.length > 200) return undefined;
  for (const match of value.matchAll(PART_TOKEN)) {
    const token = (match[1] ?? '').toUpperCase();
    if (POLICY.cardEvidence.nmc3PartNumberPrefixes.some((prefix) => token.startsWith(prefix))) return 'nmc3';
  }
  return undefined;
}

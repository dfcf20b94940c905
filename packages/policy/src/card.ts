/**
 * Which card a model number belongs to. Only an NMC3 can have MFA; NMC2 cards and rack PDUs (AOS 6.x/7.x)
 * never do, and devices with an NMC3 built in carry model numbers of their own, so anything else is unknown.
 */
import { type NmcGeneration, POLICY } from './facts.ts';

const MODEL_TOKEN = /\b(AP\d{4}[A-Z]{0,3})\b/gi;

/** "AP9641", "ap9641ch", "Model: AP9631 (NMC2)" → the generation, `unknown` for anything not listed. */
export function classifyNmcModel(model: string | undefined, applicationName?: string): NmcGeneration {
  if (typeof applicationName === 'string') {
    const app = applicationName.trim().toLowerCase();
    if (POLICY.withoutMfa.rackPduApplicationNames.some((name) => app === name || app.startsWith(`${name} `))) {
      return 'nmc2';
    }
  }
  if (typeof model !== 'string' || model.length > 200) return 'unknown';
  for (const match of model.matchAll(MODEL_TOKEN)) {
    const token = (match[1] ?? '').toUpperCase();
    if ((POLICY.nmc3.models as readonly string[]).some((known) => token.startsWith(known))) return 'nmc3';
    if ((POLICY.withoutMfa.nmc2Models as readonly string[]).some((known) => token.startsWith(known))) return 'nmc2';
    if (POLICY.withoutMfa.rackPduModelPrefixes.some((prefix) => token.startsWith(prefix))) return 'nmc2';
  }
  return 'unknown';
}

import { MIN_PASSPHRASE_LENGTH } from './envelope.js';

export type PassphraseStrength = 'too-short' | 'weak' | 'fair' | 'strong' | 'very-strong';

export interface StrengthEstimate {
  strength: PassphraseStrength;
  /** Rough entropy estimate in bits, after penalties. */
  bits: number;
  /** Machine-readable hints the UI translates. */
  hints: Array<'use-more-words' | 'avoid-repeats' | 'avoid-sequences' | 'common-password' | 'mix-character-kinds'>;
}

const COMMON = new Set([
  'password',
  'passw0rd',
  'password1',
  '12345678',
  '123456789',
  '1234567890',
  'qwertyuiop',
  'azertyuiop',
  'iloveyou',
  'letmein1',
  'motdepasse',
  'administrator',
  'changeme',
  'welcome1',
  'football',
  'baseball',
  'superman',
  'trustno1',
  'sunshine',
  'princess',
]);

const SEQUENCES = ['abcdefghijklmnopqrstuvwxyz', '0123456789', 'qwertyuiop', 'azertyuiop', 'asdfghjkl', 'zxcvbnm'];

/**
 * A deliberately simple, dependency-free estimate: character-pool entropy with penalties for repeats,
 * keyboard/alphabet runs and well-known passwords. It guides; it does not gate (only length is enforced).
 */
export function estimatePassphraseStrength(passphrase: string): StrengthEstimate {
  const chars = [...passphrase];
  const hints: StrengthEstimate['hints'] = [];
  if (chars.length < MIN_PASSPHRASE_LENGTH) return { strength: 'too-short', bits: 0, hints: ['use-more-words'] };
  const lower = passphrase.toLowerCase();
  if (COMMON.has(lower)) return { strength: 'weak', bits: 10, hints: ['common-password'] };
  let pool = 0;
  if (/[a-z]/.test(passphrase)) pool += 26;
  if (/[A-Z]/.test(passphrase)) pool += 26;
  if (/[0-9]/.test(passphrase)) pool += 10;
  if (/[^a-zA-Z0-9]/.test(passphrase)) pool += 33;
  let effective = 0;
  let previous = '';
  for (const char of chars) {
    effective += char === previous ? 0.25 : 1;
    previous = char;
  }
  let sequencePenalty = 0;
  for (const sequence of SEQUENCES) {
    for (let length = sequence.length; length >= 4; length--) {
      for (let start = 0; start + length <= sequence.length; start++) {
        if (lower.includes(sequence.slice(start, start + length))) {
          sequencePenalty = Math.max(sequencePenalty, length - 1);
        }
      }
    }
  }
  if (sequencePenalty > 0) hints.push('avoid-sequences');
  if (effective < chars.length * 0.8) hints.push('avoid-repeats');
  const bits = Math.max(0, (effective - sequencePenalty) * Math.log2(Math.max(pool, 2)));
  if (pool <= 26 && chars.length < 16) hints.push('mix-character-kinds');
  const strength: PassphraseStrength = bits < 40 ? 'weak' : bits < 60 ? 'fair' : bits < 80 ? 'strong' : 'very-strong';
  if (strength === 'weak' || strength === 'fair') hints.push('use-more-words');
  return { strength, bits: Math.round(bits), hints };
}

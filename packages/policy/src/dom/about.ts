/**
 * The card's About pages (About > Network, the CLI `about` text) and settings pages: model, generation, AOS version,
 * MFA switch. Sections are found by their structure first: each firmware module is a Name/Version pair under its
 * heading, the AOS module is the one named "aos" whatever the language; the card's hardware is its model number,
 * or the part number of a card built into another device.
 */
import { classifyCardPartNumber, classifyNmcModel } from '../card.ts';
import type { NmcGeneration } from '../facts.ts';
import { parseFirmwareVersion } from '../firmware.ts';
import { classifySettingLabel, normalizeLabel, parseEnabledLabel } from '../labels.ts';
import { ABOUT_TERMS, CARD_SECTION_TERMS, containsTerm, termSet } from '../vocabulary.ts';
import { isCheckable } from './elements.ts';
import type { Pair } from './pairs.ts';

export interface NmcCardReading {
  model?: string;
  generation?: NmcGeneration;
  /** The card's AOS version, from the APC OS(AOS) section's Version row only. */
  aosVersion?: string;
  mfaEnabled?: boolean;
}

type CardSection = 'hardware' | 'application' | 'aos' | 'boot' | 'card' | 'other-device' | 'none';

const isCardHeading = containsTerm(CARD_SECTION_TERMS);

function sectionByHeading(section: string): CardSection {
  const normalized = normalizeLabel(section);
  if (normalized === '') return 'none';
  if (/\b(?:aos|apc os)\b/.test(normalized)) return 'aos';
  if (/\bboot ?monitor\b|\bbootmon\b|\bmoniteur de demarrage\b/.test(normalized)) return 'boot';
  if (/\bhardware factory\b|\bmateriel\b|\bfactory\b|\busine\b/.test(normalized)) return 'hardware';
  if (/\bapplication module\b|\bmodule d application\b|\bapplication\b/.test(normalized)) return 'application';
  if (isCardHeading(normalized)) return 'card';
  if (/\b(?:ups|onduleur|pdu|battery|batterie|device|appareil|sensor|capteur)\b/.test(normalized)) {
    return 'other-device';
  }
  return 'none';
}

const NAME_LABELS = termSet(ABOUT_TERMS.name);
const VERSION_LABELS = termSet(ABOUT_TERMS.version);
const MODEL_LABELS = termSet(ABOUT_TERMS.model);
const PART_LABELS = termSet(ABOUT_TERMS.partNumber);
const matches = (set: ReadonlySet<string>, pair: Pair) =>
  set.has(normalizeLabel(pair.label)) || (pair.labelId !== undefined && set.has(normalizeLabel(pair.labelId)));
/** A label that is itself the AOS line: "APC OS (AOS)", "AOS Version", "Version de l'AOS". */
const AOS_LABEL = /^(?:apc os ?\(?aos\)?|apc os|aos|aos version|version (?:de l )?(?:aos|apc os)|apc os aos version)$/;

interface Section {
  heading: CardSection;
  pairs: Pair[];
  /** The value of the section's Name row ("aos", "bootmon", "sumx"), when it has one. */
  moduleName?: string;
}

/** Consecutive pairs under one heading, with what the heading and the Name row say the section is. */
function sectionsOf(pairs: Pair[]): Section[] {
  const sections: Section[] = [];
  let current: Section | undefined;
  let heading: string | undefined;
  for (const pair of pairs) {
    if (!current || pair.section !== heading) {
      heading = pair.section;
      current = { heading: sectionByHeading(pair.section || (pair.sectionId ?? '')), pairs: [] };
      if (current.heading === 'none' && pair.sectionId) current.heading = sectionByHeading(pair.sectionId);
      sections.push(current);
    }
    current.pairs.push(pair);
    if (current.moduleName === undefined && matches(NAME_LABELS, pair) && pair.value.trim() !== '') {
      current.moduleName = normalizeLabel(pair.value);
    }
  }
  return sections;
}

/** What a section is: its module name decides first (any language), its heading second. */
function kindOf(section: Section): CardSection {
  const name = section.moduleName;
  if (name === 'aos' || name === 'apc os') return 'aos';
  if (name !== undefined && /^(?:bootmon|boot monitor|apc boot monitor)$/.test(name)) return 'boot';
  if (name !== undefined && section.heading !== 'hardware' && section.heading !== 'other-device') {
    // A Name row with a version beside it is a firmware module: the application, unless the heading says more.
    const versioned = section.pairs.some((pair) => matches(VERSION_LABELS, pair) && parseFirmwareVersion(pair.value));
    if (versioned && (section.heading === 'none' || section.heading === 'application')) return 'application';
  }
  return section.heading;
}

export function readCard(pairs: Pair[], preTexts: string[]): NmcCardReading {
  const card: NmcCardReading = {};
  let applicationName: string | undefined;
  let partGeneration: NmcGeneration | undefined;
  const all = [...pairs, ...preTexts.flatMap(cliPairs)];
  const sections = sectionsOf(all).map((section) => ({ section, kind: kindOf(section) }));
  const hasAosLine = sections.some(
    ({ kind, section }) => kind === 'aos' || section.pairs.some((pair) => AOS_LABEL.test(normalizeLabel(pair.label))),
  );
  for (const { section, kind } of sections) {
    for (const pair of section.pairs) {
      const label = normalizeLabel(pair.label);
      const value = pair.value.trim();
      if (value === '') continue;
      if (card.aosVersion === undefined && parseFirmwareVersion(value)) {
        // Only the AOS section's own Version row (or a line that is the AOS itself) is the card's version.
        // An unknown label still counts when the value is spelled like the UI spells versions ("v3.4.0.7").
        const versionRow = matches(VERSION_LABELS, pair) || (!matches(NAME_LABELS, pair) && /^v\d/i.test(value));
        if ((kind === 'aos' && versionRow) || (kind !== 'other-device' && AOS_LABEL.test(label))) {
          card.aosVersion = value;
          continue;
        }
      }
      // A card built into a UPS or PDU names its own hardware in its own section: the NMC3 part numbers.
      if (
        partGeneration === undefined &&
        (kind === 'card' || matches(PART_LABELS, pair) || matches(MODEL_LABELS, pair))
      ) {
        partGeneration = classifyCardPartNumber(value);
      }
      if (card.model === undefined && matches(MODEL_LABELS, pair)) {
        // The card's model sits in Hardware Factory; a UPS's or PDU's own model elsewhere is not the card's.
        if (kind === 'hardware' || kind === 'card' || (kind === 'none' && hasAosLine)) {
          card.model = value.slice(0, 80);
          continue;
        }
      }
      if (applicationName === undefined && kind === 'application' && matches(NAME_LABELS, pair)) {
        applicationName = value;
        continue;
      }
      if (card.mfaEnabled === undefined && classifySettingLabel(pair.label) === 'mfa') {
        const box = pair.control && isCheckable(pair.control) ? (pair.control as HTMLInputElement) : undefined;
        const enabled = box
          ? box.checked
          : parseEnabledLabel(value.replace(/^(?:[✓]|☐)$/, (m) => (m === '✓' ? 'on' : 'off')));
        if (enabled !== undefined) card.mfaEnabled = enabled;
      }
    }
  }
  if (card.model !== undefined || applicationName !== undefined || partGeneration !== undefined) {
    const byModel = classifyNmcModel(card.model);
    // The card's own hardware decides; a device model that names no card leaves the embedded card's part number.
    card.generation = byModel !== 'unknown' ? byModel : (partGeneration ?? 'unknown');
  }
  return card;
}

/** Lines of a CLI `about` output: a section name alone on a line, then "Label: value" lines. */
function cliPairs(text: string): Pair[] {
  if (text.length > 20_000) return [];
  const pairs: Pair[] = [];
  let section = '';
  for (const raw of text.split(/\r\n|\r|\n/)) {
    const line = raw.trim();
    if (line === '' || /^[-=_*─]+$/u.test(line)) continue;
    const match = /^([^:]{1,60}):\s*(.*)$/.exec(line);
    if (!match || (match[2] ?? '') === '') {
      section = line.replace(/:$/, '');
      continue;
    }
    pairs.push({ section, label: match[1] ?? '', value: match[2] ?? '' });
  }
  return pairs;
}

/**
 * Label/value pairs, whatever markup carries them (`td.dataName` rows, `<label>` forms, `<dl>`), with the section
 * heading they sit under and the language-independent id of their label (`<span id="langEmail">`), when there is one.
 */
import { classifyFieldLabel, type NmcField } from '../labels.ts';
import { cellValue, controlText, type FormControl, isControl, textOf } from './elements.ts';

/** A label with its value, and the section heading it sits under. */
export interface Pair {
  section: string;
  /** The section heading's `lang…` id, when it has one. */
  sectionId?: string;
  label: string;
  /** The label's `lang…` id as words ("langEmailAddress" → "Email Address"), when it has one. */
  labelId?: string;
  value: string;
  /** The first form control of the value, when there is one. */
  control?: FormControl;
}

/**
 * The words of a `lang…` id: the NMC Web UI names each caption's `<span>` by its meaning, the same in every
 * language pack ("langUserName"), so the id reads a label the vocabularies do not know.
 */
export function langIdWords(element: Element | null | undefined): string | undefined {
  if (!element) return undefined;
  const span = element.id && /^lang/i.test(element.id) ? element : element.querySelector('[id^="lang" i]');
  const id = span?.id ?? '';
  if (!/^lang[A-Za-z0-9_]{2,60}$/i.test(id)) return undefined;
  const words = id
    .replace(/^lang/i, '')
    .replace(/_/g, ' ')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .trim();
  return words === '' ? undefined : words;
}

/** What a label stands for: by its text in any known language, else by its `lang…` id. */
export function fieldOf(label: string, labelId?: string): NmcField | undefined {
  return classifyFieldLabel(label) ?? (labelId ? classifyIdField(labelId) : undefined);
}

function classifyIdField(words: string): NmcField | undefined {
  // Ids are compact English: "Email", "E Mail Address", "User Name", "User Type", "Status".
  const compact = words.replace(/^e ?mail\b/i, 'E-mail');
  return classifyFieldLabel(compact);
}

export function pairOf(section: string, label: string, valueElement: Element, labelElement?: Element): Pair {
  const pair: Pair = { section, label, value: cellValue(valueElement) };
  const id = langIdWords(labelElement);
  if (id) pair.labelId = id;
  const control = valueElement.querySelector('input, select, textarea');
  if (control && isControl(control)) pair.control = control;
  return pair;
}

/** A label cell (`td.dataName`, `th`, or the first of two cells) and the cell after it. */
export function rowPair(cells: Element[], section: string): Pair | undefined {
  const labelIndex = cells.findIndex((cell) => cell.classList.contains('dataName'));
  const index = labelIndex >= 0 ? labelIndex : cells.length >= 2 && cells.length <= 3 ? 0 : -1;
  const labelCell = cells[index];
  const valueCell = cells[index + 1];
  if (!labelCell || !valueCell) return undefined;
  const label = textOf(labelCell);
  if (label === '' || label.length > 100) return undefined;
  return pairOf(section, label, valueCell, labelCell);
}

export function labelPair(label: HTMLLabelElement, section: string): Pair | undefined {
  const control =
    label.control ?? label.closest('tr, .row, li, p, div')?.querySelector('input, select, textarea') ?? undefined;
  if (!control || !isControl(control)) return undefined;
  const pair: Pair = { section, label: textOf(label), value: controlText(control) ?? '', control };
  const id = langIdWords(label);
  if (id) pair.labelId = id;
  return pair;
}

import { VaultError } from '../errors.js';
import { IMPORT_BOUNDS } from '../kdf.js';
import { assertBeforeDeadline, parseDeadline } from './limits.js';

const { maxCsvRows, maxFieldsPerCsvRow } = IMPORT_BOUNDS;

const QUOTE = 0x22;
/** The end of an unquoted field (or of what follows a closing quote). */
const FIELD_END = /[,\r\n]/g;

/**
 * RFC 4180 CSV: fields separated by commas, quoted with double quotes ("" inside quotes is one quote),
 * records ended by CRLF, LF or CR; line breaks inside quoted fields are kept. A quote that never closes is a
 * damaged file, not something to guess at. Text after a closing quote is kept as part of the field, and a quote
 * opens a quoted field only at the start of one. Fields are cut out with indexOf and a sticky search, never
 * built character by character, so a 16 MiB field costs one slice.
 */
export function parseCsv(text: string, deadline = parseDeadline()): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let index = 0;
  let cut = 0;
  for (;;) {
    cut += 1;
    if (cut % 4096 === 0) assertBeforeDeadline(deadline);
    let field = '';
    if (text.charCodeAt(index) === QUOTE) {
      index += 1;
      for (;;) {
        const close = text.indexOf('"', index);
        if (close === -1) {
          throw new VaultError('CORRUPT_VAULT', 'The CSV file has a quoted field that never ends (truncated?).');
        }
        field += text.slice(index, close);
        index = close + 1;
        if (text.charCodeAt(index) !== QUOTE) break;
        field += '"';
        index += 1;
      }
    }
    FIELD_END.lastIndex = index;
    const match = FIELD_END.exec(text);
    const end = match ? match.index : text.length;
    field += text.slice(index, end);
    row.push(field);
    // Refused as soon as one row is past the bound, before the rest of a hostile row is even read.
    if (row.length > maxFieldsPerCsvRow) {
      throw new VaultError('INPUT_TOO_LARGE', `A row of the file has more than ${maxFieldsPerCsvRow} fields.`);
    }
    if (match?.[0] === ',') {
      index = end + 1;
      continue;
    }
    if (!(row.length === 1 && row[0] === '')) rows.push(row);
    if (rows.length > maxCsvRows)
      throw new VaultError('INPUT_TOO_LARGE', `The file holds more than ${maxCsvRows} rows.`);
    row = [];
    if (!match) break;
    index = end + (match[0] === '\r' && text.charCodeAt(end + 1) === 0x0a ? 2 : 1);
    if (index >= text.length) break;
  }
  return rows;
}

/** The header of a CSV text (its first line split on commas), cheap enough for detection. */
export function csvHeader(text: string): string[] {
  const firstLine = text.slice(0, 4096).split(/\r?\n/, 1)[0] ?? '';
  return firstLine.split(',').map((name) => name.trim().replace(/^"|"$/g, '').trim().toLowerCase());
}

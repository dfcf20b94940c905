import { VaultError } from '../errors.js';
import { IMPORT_BOUNDS } from '../kdf.js';
import { assertBeforeDeadline, parseDeadline } from './limits.js';

const { maxCsvRows, maxFieldsPerCsvRow } = IMPORT_BOUNDS;
/** How many characters are read between two looks at the clock. */
const CLOCK_EVERY = 1 << 16;

/**
 * RFC 4180 CSV: fields separated by commas, quoted with double quotes ("" inside quotes is one quote),
 * records ended by CRLF or LF; line breaks inside quoted fields are kept. A quote that never closes is a
 * damaged file, not something to guess at.
 */
export function parseCsv(text: string, deadline = parseDeadline()): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let index = 0;
  const endField = () => {
    row.push(field);
    field = '';
    // Refused as soon as one row is past the bound, before the rest of a hostile row is even read.
    if (row.length > maxFieldsPerCsvRow) {
      throw new VaultError('INPUT_TOO_LARGE', `A row of the file has more than ${maxFieldsPerCsvRow} fields.`);
    }
  };
  const endRow = () => {
    endField();
    if (!(row.length === 1 && row[0] === '')) rows.push(row);
    if (rows.length > maxCsvRows)
      throw new VaultError('INPUT_TOO_LARGE', `The file holds more than ${maxCsvRows} rows.`);
    row = [];
  };
  while (index < text.length) {
    if (index % CLOCK_EVERY === 0) assertBeforeDeadline(deadline);
    const char = text[index] as string;
    if (quoted) {
      if (char === '"') {
        if (text[index + 1] === '"') {
          field += '"';
          index += 2;
          continue;
        }
        quoted = false;
      } else {
        field += char;
      }
      index++;
      continue;
    }
    if (char === '"' && field === '') quoted = true;
    else if (char === ',') endField();
    else if (char === '\n') endRow();
    else if (char === '\r') {
      if (text[index + 1] !== '\n') endRow();
    } else field += char;
    index++;
  }
  if (quoted) throw new VaultError('CORRUPT_VAULT', 'The CSV file has a quoted field that never ends (truncated?).');
  if (field !== '' || row.length > 0) endRow();
  return rows;
}

/** The header of a CSV text (its first line split on commas), cheap enough for detection. */
export function csvHeader(text: string): string[] {
  const firstLine = text.slice(0, 4096).split(/\r?\n/, 1)[0] ?? '';
  return firstLine.split(',').map((name) => name.trim().replace(/^"|"$/g, '').trim().toLowerCase());
}

import { describe, expect, it } from 'vitest';
import { pastedLinks, previewPastedText } from '../src/add/parse-text';

const A = 'otpauth://totp/Alpha:a@example.com?secret=JBSWY3DPEHPK3PXP&issuer=Alpha';
const SPACED = 'otpauth://totp/My Bank:me@example.com?secret=KRSXG5CTMVRXEZLU&issuer=My Bank';

describe('pasted links', () => {
  it('reports problems on the lines the user pasted, with a link that contains a space', async () => {
    const text = [A, SPACED, '', 'not a link', 'otpauth://totp/Broken?secret=!!!'].join('\n');
    const preview = await previewPastedText(text, [], undefined);
    expect(preview.toAdd.map((account) => account.issuer)).toEqual(['Alpha', 'My Bank']);
    expect(preview.invalid.map((entry) => entry.label)).toEqual(['Line 4', 'Line 5']);
  });

  it('still reads several links on one line, numbered by that line', async () => {
    const text = `${A} ${SPACED.replace('KRSXG5CTMVRXEZLU', 'GEZDGNBVGY3TQOJQ')}\nnope`;
    expect(pastedLinks(text).map((link) => link.line)).toEqual([1, 1, 2]);
    const preview = await previewPastedText(text, [], undefined);
    expect(preview.toAdd).toHaveLength(2);
    expect(preview.invalid.map((entry) => entry.label)).toEqual(['Line 2']);
  });
});

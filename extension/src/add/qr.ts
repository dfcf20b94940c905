import { prepareZXingModule, readBarcodes } from 'zxing-wasm/reader';
import wasmUrl from 'zxing-wasm/reader/zxing_reader.wasm?url';

let prepared = false;

/**
 * zxing-wasm fetches its .wasm from a CDN by default; the extension makes no network requests, so the
 * copy bundled with the extension is used instead.
 */
function prepare(): void {
  if (prepared) return;
  prepareZXingModule({
    overrides: {
      locateFile: (path: string, prefix: string) =>
        path.endsWith('.wasm') ? new URL(wasmUrl, globalThis.location.href).href : prefix + path,
    },
  });
  prepared = true;
}

/** Every QR code's text in an image (screenshot or file), de-duplicated, in reading order. */
export async function decodeQrCodes(image: Blob): Promise<string[]> {
  prepare();
  const results = await readBarcodes(image, { formats: ['QRCode'], maxNumberOfSymbols: 32, tryHarder: true });
  return [...new Set(results.filter((result) => result.isValid).map((result) => result.text))];
}

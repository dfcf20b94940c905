import { encode } from 'uqr';

export interface QrImage {
  /** `data:image/svg+xml` URL: local, nothing is fetched. */
  url: string;
  /** Rendered width and height in CSS pixels: a whole number of pixels per module keeps the edges sharp. */
  size: number;
}

/** Quiet zone of 4 modules, as the QR Code standard asks (phone cameras lock on faster with it). */
const QUIET_ZONE = 4;
const TARGET_PIXELS = 360;

/**
 * Draws `text` as a QR code (error correction M: scans from a screen at an angle, still small). One SVG path of
 * unit squares; the caller shows it in an <img>, so the secret it carries never becomes DOM text.
 */
export function qrImage(text: string): QrImage {
  const { size: modules, data } = encode(text, { ecc: 'M', border: QUIET_ZONE });
  let path = '';
  for (let y = 0; y < modules; y++) {
    const row = data[y] as boolean[];
    for (let x = 0; x < modules; x++) if (row[x]) path += `M${x} ${y}h1v1h-1z`;
  }
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${modules} ${modules}" shape-rendering="crispEdges">` +
    `<rect width="100%" height="100%" fill="#fff"/><path fill="#000" d="${path}"/></svg>`;
  const scale = Math.max(2, Math.round(TARGET_PIXELS / modules));
  return { url: `data:image/svg+xml;base64,${btoa(svg)}`, size: modules * scale };
}

import 'server-only';
import jsQR from 'jsqr';
import QRCode from 'qrcode';
import sharp from 'sharp';
import { normaliseForensicCode } from './mark';

/*
 * The forensic code as a QR code burned into every watermarked page and image, so a screenshot of it — re-encoded,
 * its metadata gone, scaled or cropped a little — is still traced by machine on /admin/trace. The payload is the
 * code alone (`WM-7K3F-9QXD`: QR alphanumeric mode), at error correction Q: a 21×21 symbol (version 1), whose
 * modules stay large for their size. Drawn in two opposite corners, so a crop of one side keeps one of them.
 */

/** Quiet zone around the symbol, in modules (the standard's four: the reader finds the finder patterns by it). */
export const QR_QUIET_MODULES = 4;

/** The dark modules of the code's QR symbol: `size` × `size`, `dark(x, y)`. */
export function forensicQr(code: string): { size: number; dark: (x: number, y: number) => boolean } {
  const symbol = QRCode.create(code, { errorCorrectionLevel: 'Q' });
  const { size, data } = symbol.modules;
  return { size, dark: (x, y) => data[y * size + x] === 1 };
}

/** The symbol as a PNG with its quiet zone, `scale` pixels a module, black on opaque white (for PDF pages). */
export async function forensicQrPng(code: string, scale = 8): Promise<{ png: Buffer; size: number }> {
  const png = await QRCode.toBuffer(code, {
    type: 'png',
    errorCorrectionLevel: 'Q',
    margin: QR_QUIET_MODULES,
    scale,
    color: { dark: '#000000ff', light: '#ffffffff' },
  });
  return { png, size: forensicQr(code).size };
}

/** Runs of dark modules per row (x, y, length), so a vector drawing needs few rectangles. */
export function qrRuns(code: string): { size: number; runs: { x: number; y: number; length: number }[] } {
  const { size, dark } = forensicQr(code);
  const runs: { x: number; y: number; length: number }[] = [];
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size;) {
      if (!dark(x, y)) {
        x++;
        continue;
      }
      const from = x;
      while (x < size && dark(x, y)) x++;
      runs.push({ x: from, y, length: x - from });
    }
  }
  return { size, runs };
}

/**
 * The symbol with its quiet zone as an SVG fragment at (left, top), `module` pixels per module: opaque white
 * behind, black modules, no anti-aliasing (crisp edges survive JPEG and scaling best). Answers its side in pixels.
 */
export function qrSvgFragment(code: string, left: number, top: number, module: number): { svg: string; side: number } {
  const { size, runs } = qrRuns(code);
  const side = (size + 2 * QR_QUIET_MODULES) * module;
  const at = (m: number) => m + QR_QUIET_MODULES;
  const path = runs
    .map((r) => `M${at(r.x) * module} ${at(r.y) * module}h${r.length * module}v${module}h${-r.length * module}z`)
    .join('');
  return {
    side,
    svg:
      `<g transform="translate(${left} ${top})" shape-rendering="crispEdges">` +
      `<rect x="0" y="0" width="${side}" height="${side}" fill="#ffffff"/>` +
      `<path d="${path}" fill="#000000"/></g>`,
  };
}

/** Pixels per module for an image of this size: large enough to survive a screenshot scaled to half. */
export const qrModulePixels = (width: number, height: number) =>
  Math.max(2, Math.min(10, Math.round(Math.min(width, height) / 160)));

/** The first forensic code in RGBA pixels, or null. */
function decode(rgba: Buffer, width: number, height: number, invert: boolean): string | null {
  const found = jsQR(new Uint8ClampedArray(rgba.buffer, rgba.byteOffset, rgba.length), width, height, {
    inversionAttempts: invert ? 'attemptBoth' : 'dontInvert',
  });
  return found ? normaliseForensicCode(found.data) : null;
}

const MAX_SIDE = 2400;

/**
 * Reads the forensic code from an image's pixels (a screenshot, a photo of a page, a rendered PDF page): the whole
 * image first, then (if none is found) upscaled and cropped variants — each corner, where the codes are drawn —
 * since a scaled-down screenshot leaves small modules and a busy page distracts the locator. Null when no code is
 * found or the bytes are not an image.
 */
export async function codeFromImagePixels(input: Uint8Array): Promise<string | null> {
  try {
    const image = sharp(input, { failOn: 'none', limitInputPixels: 100_000_000 }).rotate();
    const meta = await image.metadata();
    let width = meta.autoOrient?.width ?? meta.width ?? 0;
    let height = meta.autoOrient?.height ?? meta.height ?? 0;
    if (!width || !height) return null;
    const shrink = Math.min(1, MAX_SIDE / Math.max(width, height));
    const base = await image
      .resize(Math.round(width * shrink), Math.round(height * shrink))
      .flatten({ background: '#ffffff' })
      .ensureAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true });
    width = base.info.width;
    height = base.info.height;
    const whole = decode(base.data, width, height, true); // a dark-mode screenshot may be inverted
    if (whole) return whole;

    const raw = () => sharp(base.data, { raw: { width, height, channels: 4 } });
    const variants: { left: number; top: number; w: number; h: number; scale: number }[] = [];
    const half = (n: number) => Math.ceil(n * 0.55);
    for (const scale of [1, 2]) {
      if (scale !== 1) variants.push({ left: 0, top: 0, w: width, h: height, scale });
      for (const [fx, fy] of [
        [0, 0],
        [1, 0],
        [0, 1],
        [1, 1],
      ] as const) {
        const w = half(width);
        const h = half(height);
        variants.push({ left: fx ? width - w : 0, top: fy ? height - h : 0, w, h, scale });
      }
    }
    for (const v of variants) {
      const target = { width: Math.round(v.w * v.scale), height: Math.round(v.h * v.scale) };
      if (target.width * target.height > MAX_SIDE * MAX_SIDE * 1.5) {
        const fit = Math.sqrt((MAX_SIDE * MAX_SIDE * 1.5) / (target.width * target.height));
        target.width = Math.round(target.width * fit);
        target.height = Math.round(target.height * fit);
      }
      const variant = await raw()
        .extract({ left: v.left, top: v.top, width: v.w, height: v.h })
        .resize(target.width, target.height, { kernel: 'cubic' })
        .ensureAlpha()
        .raw()
        .toBuffer({ resolveWithObject: true });
      const code = decode(variant.data, variant.info.width, variant.info.height, false);
      if (code) return code;
    }
    return null;
  } catch {
    return null;
  }
}

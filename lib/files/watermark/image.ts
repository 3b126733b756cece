import 'server-only';
import sharp from 'sharp';
import { type Watermark, watermarkLines, watermarkShort } from './mark';
import { qrModulePixels, qrSvgFragment } from './qr';

const escapeXml = (text: string) =>
  text.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c]!);

/**
 * The watermark as an SVG the size of the image: a band at the foot, the email + code across, three times, and
 * the code as a QR symbol in the top-right corner and the bottom-left one (above the band), for machine tracing
 * of a screenshot. Images too small for a readable symbol get the text only.
 */
function overlay(width: number, height: number, mark: Watermark): Buffer {
  const lines = watermarkLines(mark);
  const small = Math.max(11, Math.min(22, Math.round(width / 60)));
  const band = Math.round(small * 1.4 * lines.length + small * 0.8);
  const diagonal = watermarkShort(mark);
  const big = Math.max(14, Math.min(48, Math.round((Math.hypot(width, height) * 0.75) / diagonal.length / 0.6)));
  const angle = (-Math.atan2(height, width) * 180) / Math.PI;
  const diagonals = [0.25, 0.5, 0.75]
    .map(
      (at) =>
        `<text x="${width * at}" y="${height * at}" transform="rotate(${angle.toFixed(2)} ${width * at} ${height * at})" ` +
        `text-anchor="middle" font-family="DejaVu Sans, Helvetica, Arial, sans-serif" font-weight="bold" font-size="${big}" ` +
        `fill="#991b1b" fill-opacity="0.22">${escapeXml(diagonal)}</text>`,
    )
    .join('');
  const text = lines
    .map(
      (line, i) =>
        `<text x="${small}" y="${height - band + small * 1.4 * (i + 1)}" font-family="DejaVu Sans, Helvetica, Arial, sans-serif" ` +
        `font-size="${small}" fill="#7f1d1d">${escapeXml(line)}</text>`,
    )
    .join('');
  const module = qrModulePixels(width, height);
  const side = qrSvgFragment(mark.code, 0, 0, module).side;
  const margin = Math.round(module * 2);
  const fits = side * 2 + margin * 4 <= Math.min(width, height - band);
  const qr = fits
    ? qrSvgFragment(mark.code, width - side - margin, margin, module).svg +
      qrSvgFragment(mark.code, margin, height - band - side - margin, module).svg
    : '';
  return Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">${diagonals}` +
      `<rect x="0" y="${height - band}" width="${width}" height="${band}" fill="#ffffff" fill-opacity="0.85"/>${text}${qr}</svg>`,
  );
}

export type StampedImage = { bytes: Buffer; contentType: 'image/png' | 'image/jpeg' };

/**
 * Burns the watermark into an image's pixels (the result is a new image; nothing is a layer). JPEG stays JPEG
 * (photos), everything else becomes PNG. Metadata of the original (EXIF: camera, place) is dropped; the code is
 * also written as a PNG text chunk / EXIF comment, so an unaltered leaked copy is traced even without reading pixels.
 */
export async function stampImage(input: Uint8Array, mark: Watermark): Promise<StampedImage> {
  const base = sharp(input, { failOn: 'error', limitInputPixels: 100_000_000 }).rotate();
  const { data, info } = await base.toBuffer({ resolveWithObject: true });
  const { width, height, format } = info;
  const composed = sharp(data).composite([{ input: overlay(width, height, mark), top: 0, left: 0 }]);
  const comment = `clearance-forensic-code:${mark.code}`;
  if (format === 'jpeg') {
    const bytes = await composed
      .jpeg({ quality: 88 })
      .withExif({ IFD0: { ImageDescription: comment } })
      .toBuffer();
    return { bytes, contentType: 'image/jpeg' };
  }
  const bytes = await composed
    .png()
    .withExif({ IFD0: { ImageDescription: comment } })
    .toBuffer();
  return { bytes, contentType: 'image/png' };
}

/** The code written into an image's metadata by stampImage, if the copy still carries it. */
export async function codeFromImageMetadata(input: Uint8Array): Promise<string | null> {
  try {
    const meta = await sharp(input).metadata();
    const text = meta.exif?.toString('latin1') ?? '';
    return /clearance-forensic-code:(WM-[0-9A-Z]{4}-[0-9A-Z]{4})/.exec(text)?.[1] ?? null;
  } catch {
    return null;
  }
}

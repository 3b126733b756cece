import 'server-only';
import { degrees, PDFDocument, rgb, StandardFonts, type PDFFont } from 'pdf-lib';
import { type Watermark, watermarkLines, watermarkShort } from './mark';
import { forensicQrPng, QR_QUIET_MODULES } from './qr';

/**
 * The standard Helvetica of a PDF encodes WinAnsi only: anything it cannot draw (a name in another script) is
 * replaced, so stamping never fails on a viewer's name. The email and the code are ASCII.
 */
function drawable(font: PDFFont, text: string): string {
  let out = '';
  for (const ch of text) {
    try {
      font.encodeText(ch);
      out += ch;
    } catch {
      out += '?';
    }
  }
  return out;
}

/**
 * Burns the watermark into every page of a PDF, as page content (not an annotation or a layer a viewer can hide):
 * a band of text at the foot of each page and the viewer's email and code across it, diagonally, three times.
 * The text is real text, so it is in every page's extracted text too (the tests read it back with mupdf). The code
 * is also drawn as a QR symbol in the top-right corner and in the bottom-left one (above the band), so a
 * screenshot of a page is traced by machine even when it has lost its text and was cropped on one side.
 */
export async function stampPdf(input: Uint8Array, mark: Watermark): Promise<Uint8Array> {
  const pdf = await PDFDocument.load(input, { updateMetadata: false });
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
  const lines = watermarkLines(mark).map((line) => drawable(font, line));
  const diagonal = drawable(bold, watermarkShort(mark));
  // One image of the symbol (quiet zone included, 8 pixels a module), shared by every page: a page costs two
  // drawImage operators, not hundreds of rectangles.
  const qr = await forensicQrPng(mark.code);
  const qrImage = await pdf.embedPng(qr.png);

  for (const page of pdf.getPages()) {
    const { x: left, y: bottom, width, height } = page.getCropBox();
    const small = Math.max(6, Math.min(9, width / 70));
    const bandHeight = small * 1.35 * lines.length + small;
    page.drawRectangle({
      x: left,
      y: bottom,
      width,
      height: bandHeight,
      color: rgb(1, 1, 1),
      opacity: 0.85,
    });
    lines.forEach((line, i) => {
      page.drawText(line, {
        x: left + small,
        y: bottom + bandHeight - small * 1.35 * (i + 1),
        size: small,
        font,
        color: rgb(0.45, 0.05, 0.05),
      });
    });

    const big = Math.max(12, Math.min(28, (Math.hypot(width, height) * 0.8) / Math.max(1, diagonal.length) / 0.55));
    const angle = Math.atan2(height, width);
    const textWidth = bold.widthOfTextAtSize(diagonal, big);
    for (const at of [0.25, 0.5, 0.75]) {
      const cx = left + width * at;
      const cy = bottom + height * at;
      page.drawText(diagonal, {
        x: cx - (Math.cos(angle) * textWidth) / 2,
        y: cy - (Math.sin(angle) * textWidth) / 2,
        size: big,
        font: bold,
        color: rgb(0.6, 0.1, 0.1),
        opacity: 0.18,
        rotate: degrees((angle * 180) / Math.PI),
      });
    }

    // About 3.5 pt per module on a letter page: at a screen's 96 dpi scaled to half, still over 2 pixels a module.
    const module = Math.max(2.5, Math.min(4, Math.min(width, height) / 175));
    const side = (qr.size + 2 * QR_QUIET_MODULES) * module;
    const margin = module * 2;
    if (side * 2 + margin * 4 <= Math.min(width, height - bandHeight)) {
      page.drawImage(qrImage, {
        x: left + width - side - margin,
        y: bottom + height - side - margin,
        width: side,
        height: side,
      });
      page.drawImage(qrImage, { x: left + margin, y: bottom + bandHeight + margin, width: side, height: side });
    }
  }
  pdf.setKeywords([`clearance-forensic-code:${mark.code}`]);
  return pdf.save({ useObjectStreams: true });
}

import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { PDFDocument, rgb, StandardFonts } from 'pdf-lib';
import sharp from 'sharp';

/**
 * The demo world's files (docs/product.md §9.1), made here so the canaries sit inside their content: the PDFs' text,
 * the passport scan's pixels, the teaser's frames (a small committed mp4, made once with ffmpeg's drawtext).
 */
export type DemoFile = { name: string; bytes: Uint8Array; canary: string };

async function textPdf(title: string, canary: string, pages: number, landscape: boolean): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.setTitle(title);
  pdf.setCreationDate(new Date('2026-01-15T09:00:00Z'));
  pdf.setModificationDate(new Date('2026-01-15T09:00:00Z'));
  pdf.setProducer('Clearance demo world');
  pdf.setCreator('Clearance demo world');
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
  for (let n = 1; n <= pages; n++) {
    const page = pdf.addPage(landscape ? [842, 595] : [595, 842]);
    const { height } = page.getSize();
    page.drawText(title, { x: 56, y: height - 80, size: 20, font: bold, color: rgb(0.1, 0.1, 0.15) });
    page.drawText(`${canary} · page ${n} of ${pages}`, { x: 56, y: height - 110, size: 12, font });
    const body = landscape
      ? [`Slide ${n}: campaign direction for Nova Reyes x Lumen.`, 'Moodboard, talent styling and release plan.']
      : [
          `Clause ${n}. The talent grants the brand the rights described in schedule ${n}.`,
          'Fees, exclusivity and usage terms are confidential between the parties.',
          n === pages ? 'Signed: Nova Reyes, Lumen Cosmetics, MM Group.' : '',
        ];
    body.forEach((line, i) => page.drawText(line, { x: 56, y: height - 160 - i * 22, size: 12, font }));
  }
  return pdf.save({ useObjectStreams: true });
}

async function passportPng(): Promise<Uint8Array> {
  const width = 900;
  const height = 600;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
  <rect width="100%" height="100%" fill="#e8eef5"/>
  <rect x="30" y="30" width="840" height="540" rx="18" fill="#f8fafc" stroke="#1e3a5f" stroke-width="4"/>
  <text x="60" y="90" font-family="DejaVu Sans, sans-serif" font-size="30" font-weight="bold" fill="#1e3a5f">PASSPORT · SPECIMEN</text>
  <rect x="60" y="130" width="220" height="280" fill="#cbd5e1"/>
  <text x="320" y="170" font-family="DejaVu Sans, sans-serif" font-size="22" fill="#0f172a">Surname: REYES</text>
  <text x="320" y="210" font-family="DejaVu Sans, sans-serif" font-size="22" fill="#0f172a">Given names: NOVA</text>
  <text x="320" y="250" font-family="DejaVu Sans, sans-serif" font-size="22" fill="#0f172a">No. X0000000 (demo)</text>
  <text x="320" y="330" font-family="DejaVu Sans Mono, monospace" font-size="34" font-weight="bold" fill="#b91c1c">AURORA-PASSPORT-FILE</text>
  <text x="60" y="500" font-family="DejaVu Sans Mono, monospace" font-size="20" fill="#334155">P&lt;DEMREYES&lt;&lt;NOVA&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;&lt;</text>
</svg>`;
  return sharp(Buffer.from(svg)).png({ compressionLevel: 9 }).toBuffer();
}

export const TEASER_ASSET = path.join(import.meta.dirname, 'assets', 'borealis-teaser.mp4');

export async function demoFiles(): Promise<{
  contract: DemoFile;
  deck: DemoFile;
  passport: DemoFile;
  teaser: DemoFile;
}> {
  return {
    contract: {
      name: 'aurora-contract.pdf',
      canary: 'AURORA-CONTRACT-FILE',
      bytes: await textPdf('Aurora talent agreement (signed)', 'AURORA-CONTRACT-FILE', 3, false),
    },
    deck: {
      name: 'aurora-deck.pdf',
      canary: 'AURORA-DECK-FILE',
      bytes: await textPdf('Aurora creative deck', 'AURORA-DECK-FILE', 5, true),
    },
    passport: { name: 'passport-scan.png', canary: 'AURORA-PASSPORT-FILE', bytes: await passportPng() },
    teaser: {
      name: 'borealis-teaser.mp4',
      canary: 'BOREALIS-TEASER-FILE',
      bytes: new Uint8Array(await readFile(TEASER_ASSET)),
    },
  };
}

/** A PDF of `pages` pages of text, for the watermark benchmark and tests. */
export async function manyPagePdf(pages: number): Promise<Uint8Array> {
  return textPdf('Benchmark document', 'BENCH-DOC', pages, false);
}

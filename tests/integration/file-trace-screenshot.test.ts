/**
 * Tracing a screenshot (issue 13 point 5): every watermarked PDF page, view-only page image and image carries its
 * forensic code as a QR symbol in two opposite corners, so a leaked screenshot — rasterized, scaled to 70%,
 * re-encoded as JPEG at quality 70, 10% cropped off one side, its metadata and text gone — is traced back to the
 * view by machine. A clean image answers "no code found".
 */
import * as mupdf from 'mupdf';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { files } from '@/db/schema';
import { seedDemoWorld } from '@/db/seed/demo-world';
import type { Actor } from '@/lib/authz/types';
import { authorizeFileRead } from '@/lib/dal/files/authorize-file-read';
import { traceForensicCode } from '@/lib/dal/files/trace-forensic-code';
import { readWhole } from '@/lib/files/serve';
import {
  codeFromImageMetadata,
  codesFromLeak,
  pdfPageTexts,
  renderPdfPage,
  stampImage,
  stampPdf,
  type Watermark,
} from '@/lib/files/watermark';
import { DEMO_EMAILS, demoActors, meta, type DemoKey } from '../helpers/actors';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { itemIdsByCanary, type Canary } from '../helpers/demo';

let database: TestDatabase;
let actors: Record<DemoKey, Actor>;
const fileOf: Record<string, string> = {};

beforeAll(async () => {
  database = await createTestDatabase();
  await seedDemoWorld(database.db);
  actors = await demoActors(database.db);
  const ids = await itemIdsByCanary(database.db);
  const rows = await database.db.select({ id: files.id, itemId: files.itemId }).from(files);
  const on = (canary: Canary) => rows.find((r) => r.itemId === ids[canary])!.id;
  Object.assign(fileOf, {
    contract: on('AURORA-RATE-250K'),
    deck: on('AURORA-SCRIPT-V2'),
    passport: on('AURORA-PASSPORT'),
  });
}, 120_000);

afterAll(async () => {
  await database?.dispose();
});

/** Rasterizes page `index` of a PDF as a screen would show it (96 dpi), to PNG. */
function rasterize(pdf: Uint8Array, index = 0, dpi = 96): Buffer {
  const doc = mupdf.Document.openDocument(pdf, 'application/pdf');
  try {
    const page = doc.loadPage(index);
    const pixmap = page.toPixmap(mupdf.Matrix.scale(dpi / 72, dpi / 72), mupdf.ColorSpace.DeviceRGB, false, true);
    const png = Buffer.from(pixmap.asPNG());
    pixmap.destroy();
    page.destroy();
    return png;
  } finally {
    doc.destroy();
  }
}

/** What a leaker's screenshot does to a picture: scaled to 70%, 10% cut off one side, re-encoded as JPEG q70. */
async function screenshot(image: Uint8Array, side: 'left' | 'right' | 'top' | 'bottom'): Promise<Buffer> {
  const scaled = await sharp(image)
    .resize({ width: Math.round(((await sharp(image).metadata()).width ?? 0) * 0.7) })
    .png()
    .toBuffer();
  const { width, height } = await sharp(scaled).metadata();
  const cut = { left: 0, top: 0, width: width!, height: height! };
  if (side === 'left' || side === 'right') cut.width = Math.round(width! * 0.9);
  else cut.height = Math.round(height! * 0.9);
  if (side === 'left') cut.left = width! - cut.width;
  if (side === 'top') cut.top = height! - cut.height;
  return sharp(scaled).extract(cut).jpeg({ quality: 70 }).toBuffer();
}

const markFor = (who: string, email: string, grant: { at: Date; itemRef: string; code: string }): Watermark => ({
  viewerName: who,
  viewerEmail: email,
  at: grant.at,
  itemRef: grant.itemRef,
  code: grant.code,
});

async function expectTracedTo(leak: Buffer, code: string, email: string, via: string) {
  // The screenshot kept nothing but pixels: no metadata, no text.
  expect(await codeFromImageMetadata(leak)).toBeNull();
  const found = await traceForensicCode(actors.ada, { leaked: leak }, meta);
  expect(found).toMatchObject({ via, codes: [code], matches: [{ email }] });
}

describe('a screenshot is traced by the QR code burned into the pixels', () => {
  it('of a downloaded watermarked PDF page (cropped on the right, where one QR code was)', async () => {
    const grant = await authorizeFileRead(actors.finn, fileOf.contract!, { mode: 'download' }, meta);
    const stamped = await stampPdf(
      (await readWhole(actors.finn, grant!))!,
      markFor('Finn Finance', DEMO_EMAILS.finn, grant!),
    );
    const leak = await screenshot(rasterize(stamped, 1), 'right');
    await expectTracedTo(leak, grant!.code, DEMO_EMAILS.finn, 'image-qr');
  });

  it('of a view-only page image (cropped at the bottom, where the other one was)', async () => {
    const grant = await authorizeFileRead(actors.cora, fileOf.deck!, { mode: 'page', page: 1 }, meta);
    const png = await renderPdfPage(
      (await readWhole(actors.cora, grant!))!,
      0,
      markFor('Cora Editor', DEMO_EMAILS.cora, grant!),
    );
    const leak = await screenshot(png!, 'bottom');
    await expectTracedTo(leak, grant!.code, DEMO_EMAILS.cora, 'image-qr');
  });

  it('of a watermarked image (cropped on the left)', async () => {
    const grant = await authorizeFileRead(actors.sam, fileOf.passport!, { mode: 'view' }, meta);
    const { bytes } = await stampImage(
      (await readWhole(actors.sam, grant!))!,
      markFor('Sam Lead', DEMO_EMAILS.sam, grant!),
    );
    const leak = await screenshot(bytes, 'left');
    await expectTracedTo(leak, grant!.code, DEMO_EMAILS.sam, 'image-qr');
  });

  it('of a page printed to a PDF without its text (a scan): read from the rendered page', async () => {
    const grant = await authorizeFileRead(actors.sam, fileOf.deck!, { mode: 'view' }, meta);
    const stamped = await stampPdf(
      (await readWhole(actors.sam, grant!))!,
      markFor('Sam Lead', DEMO_EMAILS.sam, grant!),
    );
    const shot = await screenshot(rasterize(stamped, 0), 'top');
    // An image-only PDF of the screenshot, as a scanner or "print to PDF" of a picture makes.
    const { width, height } = await sharp(shot).metadata();
    const doc = new mupdf.PDFDocument();
    const image = doc.addImage(new mupdf.Image(shot));
    const resources = doc.addObject({ XObject: { Shot: image } });
    const page = doc.addPage([0, 0, width!, height!], 0, resources, `q ${width} 0 0 ${height} 0 0 cm /Shot Do Q`);
    doc.insertPage(-1, page);
    const scan = Buffer.from(doc.saveToBuffer('compress').asUint8Array());
    doc.destroy();
    expect(pdfPageTexts(scan).join('').trim()).toBe('');
    const found = await traceForensicCode(actors.ada, { leaked: scan }, meta);
    expect(found).toMatchObject({ via: 'pdf-qr', codes: [grant!.code], matches: [{ email: DEMO_EMAILS.sam }] });
  });

  it('a clean image and a clean PDF carry no code: nothing is found, and the look-up is still recorded', async () => {
    const clean = await sharp({ create: { width: 900, height: 600, channels: 3, background: '#f4f1ea' } })
      .jpeg({ quality: 70 })
      .toBuffer();
    expect(await codesFromLeak(clean)).toEqual({ codes: [], via: 'none' });
    const found = await traceForensicCode(actors.ada, { leaked: clean }, meta);
    expect(found).toMatchObject({ codes: [], via: 'none', matches: [] });
    const unstamped = (await readWhole(
      actors.sam,
      (await authorizeFileRead(actors.sam, fileOf.deck!, { mode: 'view' }, meta))!,
    ))!;
    expect(await codesFromLeak(rasterize(unstamped))).toEqual({ codes: [], via: 'none' });
  });
});

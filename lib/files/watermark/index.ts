export * from './mark';
export { stampPdf } from './pdf';
export { stampImage, codeFromImageMetadata, type StampedImage } from './image';
export { renderPdfPage, pdfPageCount, pdfPageTexts } from './render';
export { codeFromImagePixels } from './qr';
export { codesFromLeak, type LeakVia } from './leak';

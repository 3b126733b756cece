export * from './mark';
export { stampPdf } from './pdf';
export { stampImage, codeFromImageMetadata, type StampedImage } from './image';
export { renderPdfPage, pdfPageCount, pdfPageTexts } from './render';

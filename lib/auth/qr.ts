import 'server-only';
import QRCode from 'qrcode';

/** The otpauth URI as an SVG QR code, drawn on the server: no request leaves for a QR service. */
export const qrSvg = (uri: string): Promise<string> =>
  QRCode.toString(uri, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });

import 'server-only';
import nodemailer, { type Transporter } from 'nodemailer';

/*
 * SMTP delivery with nodemailer, only when SMTP_URL is set (for instance smtps://user:pass@smtp.example.com).
 * Without it emails stay in the outbox, readable on /dev/mailbox in development.
 */

let transport: Transporter | null = null;

export const smtpConfigured = (): boolean => Boolean(process.env.SMTP_URL);

export async function sendMail(email: { to: string; subject: string; text: string }): Promise<void> {
  transport ??= nodemailer.createTransport(process.env.SMTP_URL!);
  await transport.sendMail({ from: process.env.MAIL_FROM ?? 'Clearance <no-reply@clearance.invalid>', ...email });
}

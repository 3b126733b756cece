import 'server-only';
import nodemailer, { type Transporter } from 'nodemailer';
import { env } from '@/lib/env';

/*
 * SMTP delivery with nodemailer, only when SMTP_URL is set (for instance smtps://user:pass@smtp.example.com).
 * Without it emails stay in the outbox, readable on /dev/mailbox in development.
 */

let transport: Transporter | null = null;

export const smtpConfigured = (): boolean => env.smtpUrl !== undefined;

export async function sendMail(email: { to: string; subject: string; text: string }): Promise<void> {
  transport ??= nodemailer.createTransport(env.smtpUrl!);
  await transport.sendMail({ from: env.mailFrom, ...email });
}

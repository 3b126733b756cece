import { z } from 'zod';

/** Sign-in, two-factor, password reset and the account page. */

const email = z
  .string()
  .trim()
  .min(1, 'Enter your email.')
  .max(320, 'Enter a valid email address.')
  .email('Enter a valid email address.');
const newPassword = z.string().min(12, 'Use at least 12 characters.').max(256, 'Keep it under 256 characters.');
const mismatch = { message: 'The passwords do not match.', path: ['confirmPassword'] };

export const signInSchema = z.object({
  email,
  password: z.string().min(1, 'Enter your password.').max(1024, 'Enter your password.'),
});

/** A 6-digit code from the authenticator app, or a recovery code. */
export const authenticationCodeSchema = z.object({
  code: z.string().trim().min(1, 'Enter the code from your authenticator app.').max(64, 'That code is not valid.'),
});

export const forgotPasswordSchema = z.object({ email });

export const resetPasswordSchema = z
  .object({ token: z.string().min(20).max(200), password: newPassword, confirmPassword: z.string().max(256) })
  .refine((v) => v.password === v.confirmPassword, mismatch);

export const changePasswordSchema = z
  .object({
    currentPassword: z.string().min(1, 'Enter your current password.').max(1024),
    newPassword,
    confirmPassword: z.string().max(256),
  })
  .refine((v) => v.newPassword === v.confirmPassword, mismatch);

/** Re-authentication before a two-factor change: the current password or a code from the app. */
export const credentialSchema = z.object({
  credential: z.string().min(1, 'Enter your password or a code from your authenticator app.').max(1024),
});

export const noInputSchema = z.object({});

import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { AuthShell, StartAgain } from '@/components/account/auth-shell';
import { readChallengeCookie } from '@/lib/auth/challenge-cookie';
import { SIGN_IN_EXPIRED } from '@/lib/auth/messages';
import { getSessionUser } from '@/lib/dal/account/read-session-user';
import { challengeStage } from '@/lib/dal/sign-in/read-challenge-stage';
import { VerifyForm } from './verify-form';

export const metadata: Metadata = { title: 'Two-factor authentication' };

export default async function VerifyPage() {
  if (await getSessionUser()) redirect('/');
  const token = await readChallengeCookie();
  const stage = token ? await challengeStage(token) : null;
  if (stage === 'enrol') redirect('/sign-in/enrol');
  return (
    <AuthShell
      title="Two-factor authentication"
      intro="Your password was right. One more step: prove it is you with your authenticator app."
    >
      {stage === 'verify' ? <VerifyForm /> : <StartAgain message={SIGN_IN_EXPIRED} />}
    </AuthShell>
  );
}

import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { AuthShell, StartAgain } from '@/components/account/auth-shell';
import { TotpSetup } from '@/components/account/totp-setup';
import { readChallengeCookie } from '@/lib/auth/challenge-cookie';
import { SIGN_IN_EXPIRED } from '@/lib/auth/messages';
import { qrSvg } from '@/lib/auth/qr';
import { getSessionUser } from '@/lib/dal/account/read-session-user';
import { challengeStage } from '@/lib/dal/sign-in/read-challenge-stage';
import { enrolmentForChallenge } from '@/lib/dal/sign-in/read-enrolment-for-challenge';
import { ContinueButton, EnrolForm } from './enrol-form';

export const metadata: Metadata = { title: 'Set up two-factor authentication' };

export default async function EnrolPage() {
  if (await getSessionUser()) redirect('/');
  const token = await readChallengeCookie();
  const enrolment = token ? await enrolmentForChallenge(token) : null;
  const stage = !enrolment && token ? await challengeStage(token) : null;
  if (stage === 'verify') redirect('/sign-in/verify');
  return (
    <AuthShell
      wide
      title="Set up two-factor authentication"
      intro="Your account must sign in with a second factor. Add Clearance to an authenticator app on your phone, then enter the code it shows."
    >
      {enrolment ? (
        <div className="space-y-6">
          <TotpSetup qrSvg={await qrSvg(enrolment.uri)} secret={enrolment.secret} />
          <EnrolForm />
        </div>
      ) : stage === 'ready' ? (
        <ContinueButton />
      ) : (
        <StartAgain message={SIGN_IN_EXPIRED} />
      )}
    </AuthShell>
  );
}

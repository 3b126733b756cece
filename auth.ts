import NextAuth, { CredentialsSignin } from 'next-auth';
import Credentials from 'next-auth/providers/credentials';
import { z } from 'zod';
import { SESSION_HOURS } from '@/lib/dal/account/session-token';
import { completeSignIn } from '@/lib/dal/sign-in/complete-sign-in';
import { clientIpFrom } from '@/lib/security/client-ip';

// The only credential Auth.js accepts: a sign-in challenge that passed the password and, where the account
// has or needs one, the second factor (app/(auth)/sign-in, lib/dal/sign-in.ts). A password alone posted here
// opens nothing.
const credentialsSchema = z.object({ challenge: z.string().min(20).max(200) });

function metaOf(request: Request | undefined) {
  return { ip: request ? clientIpFrom(request.headers) : null, userAgent: request?.headers.get('user-agent') ?? null };
}

/*
 * Auth.js keeps only a server-side session id in its signed cookie; who the user is and whether the session
 * still stands is read from the database on every request (lib/dal/session.ts).
 */
export const { handlers, auth, signIn, signOut } = NextAuth({
  trustHost: true,
  session: { strategy: 'jwt', maxAge: SESSION_HOURS * 3600 },
  pages: { signIn: '/sign-in' },
  // A wrong password is an expected answer (and audited), not an error; other errors are logged by kind only.
  logger: {
    error(error) {
      // Auth.js errors carry their kind in `type`; class names are minified in the production build.
      const kind = (error as { type?: string }).type ?? error.name;
      if (kind === 'CredentialsSignin') return;
      console.error('[auth]', kind);
    },
    warn() {},
    debug() {},
  },
  providers: [
    Credentials({
      credentials: { challenge: {} },
      async authorize(raw, request) {
        const parsed = credentialsSchema.safeParse(raw);
        if (!parsed.success) throw new CredentialsSignin();
        const result = await completeSignIn(parsed.data.challenge, metaOf(request));
        if (!result) throw new CredentialsSignin();
        return { id: result.userId, sessionId: result.sessionId } as { id: string };
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      // Only the opaque session id travels in the cookie: no name, email or role.
      if (user) return { sid: (user as { sessionId?: string }).sessionId };
      return token;
    },
    session({ session, token }) {
      return { expires: session.expires, sessionId: token.sid } as unknown as typeof session;
    },
  },
});

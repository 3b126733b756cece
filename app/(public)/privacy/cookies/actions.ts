'use server';

import { headers } from 'next/headers';
import { publicAction } from '@/lib/actions/action';
import { recordCookieChoices } from '@/lib/dal/privacy/record-cookie-choices';
import { getSessionUser } from '@/lib/dal/account/read-session-user';
import {
  gpcFromHeaders,
  isBrowserId,
  newBrowserId,
  readConsentContext,
  rememberBrowser,
} from '@/lib/privacy/consent-cookie';
import { CHOICES_SAVED } from '@/lib/privacy/messages';
import { NO_OPTIONAL_COOKIES } from '@/lib/privacy/vocabulary';
import { cookieChoicesSchema } from '@/lib/validations/privacy';

/** Records a browser's cookie choices (the banner, the settings page, or a Global Privacy Control signal). */
export const saveCookieChoicesAction = publicAction(cookieChoicesSchema, async (input) => {
  const { browserId } = await readConsentContext();
  const id = isBrowserId(browserId ?? undefined) ? browserId! : newBrowserId();
  // The header counts whatever the form says; the form's flag carries navigator.globalPrivacyControl.
  const gpc = input.gpc || gpcFromHeaders(await headers());
  const choices =
    input.choice === 'accept'
      ? { analytics: true, functional: true, marketing: true }
      : input.choice === 'save'
        ? { analytics: input.analytics, functional: input.functional, marketing: input.marketing }
        : NO_OPTIONAL_COOKIES;
  await recordCookieChoices({
    browserId: id,
    actor: await getSessionUser(),
    choices,
    method: input.choice === 'gpc' ? 'gpc' : input.layer,
    gpc,
  });
  await rememberBrowser(id);
  return { ok: true, message: CHOICES_SAVED };
});

import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { canariesIn, CLIENT_NAMES, demoUser, ITEM_PATH, linkPaths, PROJECT_PATH, signedInContext } from '../helpers';

/**
 * Every server action of the build, posted over HTTP the way Next.js's client does (a `Next-Action` header
 * with the id from the build's server-reference manifest), by an anonymous visitor who knows real ids: no
 * server error, no canary or client name in the answer, and no success outside the public screens. The
 * integration tests (tests/integration/actions-fuzz.*) go deeper; this proves the wire path agrees.
 */

type Manifest = { node: Record<string, { filename?: string; exportedName?: string }> };

const distDir = process.env.NEXT_DIST_DIR ?? '.next';
const manifestFile = path.join(process.cwd(), distDir, 'server', 'server-reference-manifest.json');

/** Public screens whose actions may succeed for anyone (asking for a reset link, cookie choices…): called with no input only. */
const isPublic = (file: string) => file.startsWith('app/(auth)/') || file.startsWith('app/(public)/');

/** The body React's client sends for action(previousState, formData): the form's fields first, then the arguments. */
function multipartCall(fields: Record<string, string>): FormData {
  const body = new FormData();
  for (const [key, value] of Object.entries(fields)) body.append(`_1_${key}`, value);
  body.append('0', JSON.stringify(['$undefined', '$K1']));
  return body;
}

test('every server action posted directly by an anonymous visitor with real ids: no error, no leak, no success', async ({
  browser,
  request,
  baseURL,
}) => {
  test.skip(!existsSync(manifestFile), `no server-reference manifest in ${distDir}`);
  test.setTimeout(300_000);
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as Manifest;
  const actions = Object.entries(manifest.node).map(([id, entry]) => ({
    id,
    name: `${entry.filename ?? '?'}#${entry.exportedName ?? '?'}`,
    file: entry.filename ?? '',
  }));
  expect(actions.length).toBeGreaterThanOrEqual(16);

  // Real ids of an Aurora project and item, as an insider would know them (Cora may open one item).
  const { context, page } = await signedInContext(browser, demoUser('cora'));
  const [projectPath] = await linkPaths(page, PROJECT_PATH);
  await page.goto(projectPath!);
  const [itemPath] = await linkPaths(page, ITEM_PATH);
  await context.close();
  const projectId = projectPath!.split('/').pop()!;
  const itemId = itemPath!.split('/').pop()!;
  const fields = {
    itemId,
    projectId,
    userId: itemId,
    membershipId: itemId,
    entryId: itemId,
    requestId: itemId,
    recordId: itemId,
    clientAccountId: projectId,
    title: 'Direct post',
    body: 'Posted directly, not through the page.',
    reason: 'Testing the wire path',
    password: 'not the password',
    credential: 'not the password',
    code: '123456',
    category: 'creative',
    classification: 'confidential',
    role: 'member',
    scopes: 'creative',
    decision: 'approve',
    email: 'direct.post@example.test',
    name: 'Direct Post',
    codename: 'Directpost',
    disabled: 'true',
  };

  const problems: string[] = [];
  let refusedAsNotFound = 0;
  for (const action of actions) {
    const calls = isPublic(action.file) ? [{ data: '[]' }] : [{ data: '[]' }, { multipart: multipartCall(fields) }];
    for (const call of calls) {
      const response = await request.post('/', {
        headers: {
          'Next-Action': action.id,
          Accept: 'text/x-component',
          // The portal's own origin, as a browser on its pages sends it (any other origin is refused with 403).
          Origin: new URL(baseURL!).origin,
          // A documentation address of its own, so these refusals count against no one else's throttle.
          'X-Forwarded-For': '198.51.100.250',
          ...('data' in call ? { 'Content-Type': 'text/plain;charset=UTF-8' } : {}),
        },
        ...('data' in call ? { data: call.data } : { multipart: call.multipart }),
        maxRedirects: 0,
        timeout: 30_000,
      });
      const text = await response.text();
      const how = 'data' in call ? 'no input' : 'a form with real ids';
      if (response.status() >= 500) problems.push(`${action.name} (${how}): HTTP ${response.status()}`);
      const leaked = [...canariesIn(text), ...CLIENT_NAMES.filter((n) => text.includes(n))];
      if (leaked.length > 0) problems.push(`${action.name} (${how}): leaked ${leaked.join(', ')}`);
      const redirect = response.headers()['x-action-redirect'];
      if (
        redirect &&
        !isPublic(action.file) &&
        new URL(redirect.split(';')[0]!, 'http://localhost').pathname !== '/sign-in'
      ) {
        problems.push(`${action.name} (${how}): redirected to ${redirect}`);
      }
      if (!isPublic(action.file) && /"ok":true/.test(text)) problems.push(`${action.name} (${how}): succeeded`);
      if (!('data' in call) && text.includes('"message":"Not found."')) refusedAsNotFound++;
    }
  }
  expect(problems).toEqual([]);
  // The forms are decoded as the app's forms are: many get past validation to the refusal.
  expect(refusedAsNotFound, 'actions that refused the form with real ids as not found').toBeGreaterThanOrEqual(10);
  console.info(
    `${actions.length} server actions posted over HTTP; ${refusedAsNotFound} refused the form with real ids as not found.`,
  );
});

import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { demoUser, signedInContext } from '../helpers';

/*
 * Issue 16 point 8: every page of the demo walkthrough, on a laptop (1280×800) and a phone (390×844), has no
 * axe-core violation (every rule axe runs by default, best practices included), and no page is wider than the
 * phone's screen. Each failure names the page, the size, the rule and the first nodes.
 */

const SIZES = [
  { name: 'desktop', width: 1280, height: 800 },
  { name: 'phone', width: 390, height: 844 },
] as const;

const PUBLIC_PAGES = [
  '/portfolio',
  '/privacy',
  '/privacy/request',
  '/privacy/cookies',
  '/sign-in',
  '/sign-in/forgot',
  '/no-such-page',
];

// Per demo user: the pages of their walkthrough (the project, item and authorization pages are found by clicking).
const WALKS: Record<string, string[]> = {
  ada: [
    '/',
    '/admin/users',
    '/admin/clients',
    '/admin/projects',
    '/admin/ndas',
    '/admin/audit',
    '/admin/privacy',
    '/admin/privacy/policy',
    '/admin/privacy/retention',
    '/admin/requests',
    '/admin/break-glass',
    '/admin/jobs',
    '/admin/settings',
    '/notifications',
    '/account/security',
    '/account/privacy',
    '/account/ndas',
    '/requests',
    '/projects/00000000-0000-4000-8000-000000000000',
  ],
  sam: ['/', '/requests', '/account/ndas', '/notifications', '/account/security'],
  nova: ['/', '/client', '/client/history', '/notifications', '/account/privacy'],
  cora: ['/', '/requests', '/account/ndas'],
};

type Finding = string;

async function check(page: Page, path: string, size: (typeof SIZES)[number], findings: Finding[]) {
  await page.setViewportSize({ width: size.width, height: size.height });
  const response = await page.goto(path);
  expect(response, `${path}: no response`).not.toBeNull();
  await page.waitForLoadState('load');
  const where = `${path} @ ${size.name}`;
  const result = await new AxeBuilder({ page }).analyze();
  for (const v of result.violations) {
    findings.push(
      `${where}: ${v.id} (${v.impact}) ${v.nodes
        .slice(0, 3)
        .map((n) => n.target.join(' '))
        .join(' | ')}`,
    );
  }
  if (size.name === 'phone') {
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    if (width > size.width) {
      // Name the culprits: the elements reaching past the screen's right edge (outside any scroll region).
      const culprits = await page.evaluate((screen) => {
        const out: string[] = [];
        for (const el of Array.from(document.querySelectorAll('body *'))) {
          if (el.getBoundingClientRect().right <= screen + 1) continue;
          if (el.closest('[role="region"][tabindex="0"]') || el.closest('dialog:not([open])')) continue;
          out.push(`${el.tagName.toLowerCase()}.${String(el.className).split(' ').slice(0, 3).join('.')}`);
          if (out.length >= 4) break;
        }
        return out;
      }, size.width);
      findings.push(`${where}: page is ${width}px wide (${culprits.join(', ')})`);
    }
  }
}

/** The project pages a user reaches from the home page, with one item page and the authorizations page each. */
async function projectPages(page: Page): Promise<string[]> {
  await page.goto('/');
  const projects = await page
    .locator('main a[href^="/projects/"]')
    .evaluateAll((links) => [...new Set(links.map((a) => new URL((a as HTMLAnchorElement).href).pathname))]);
  const paths: string[] = [];
  for (const project of projects.slice(0, 2)) {
    paths.push(project, `${project}/authorizations`);
    await page.goto(project);
    const item = await page
      .locator('main a[href^="/items/"]')
      .first()
      .getAttribute('href')
      .catch(() => null);
    if (item) paths.push(item);
  }
  return paths;
}

test('public pages: no axe violation at either size, nothing wider than a phone', async ({ browser }) => {
  test.setTimeout(240_000);
  const context = await browser.newContext();
  const page = await context.newPage();
  const findings: Finding[] = [];
  try {
    for (const size of SIZES) for (const path of PUBLIC_PAGES) await check(page, path, size, findings);
  } finally {
    await context.close();
  }
  expect(findings, findings.join('\n')).toEqual([]);
});

for (const [key, paths] of Object.entries(WALKS)) {
  test(`${key}'s walkthrough: no axe violation at either size, nothing wider than a phone`, async ({ browser }) => {
    // Every page of the walk at two sizes with axe: the admin's walk alone is ~30 pages, minutes on a busy machine.
    test.setTimeout(600_000);
    const { context, page } = await signedInContext(browser, demoUser(key));
    const findings: Finding[] = [];
    try {
      const all = [...paths, ...(await projectPages(page))];
      if (key === 'ada') {
        await page.goto('/admin/projects');
        const access = await page.locator('main a[href^="/admin/projects/"]').first().getAttribute('href');
        if (access) all.push(access);
      }
      for (const size of SIZES) for (const path of all) await check(page, path, size, findings);
    } finally {
      await context.close();
    }
    expect(findings, findings.join('\n')).toEqual([]);
  });
}

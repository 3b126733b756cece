import { expect, type Browser, type BrowserContext, type Page, type Response } from '@playwright/test';
import { DEMO_TOTP_SECRET, withFreshTotpCode } from './totp';

export { DEMO_TOTP_SECRET, totpCodeAtStep, withFreshTotpCode } from './totp';

/**
 * The demo world of docs/product.md §9 as test data. Deliberately written out here (not imported from db/seed): the
 * browser tests check the running portal against the spec, not against the seed's own idea of it.
 */

export const DEMO_PASSWORD = process.env.DEMO_PASSWORD ?? 'demo-pass-2026';

export const AURORA_CANARIES = [
  'AURORA-RATE-250K',
  'AURORA-DELIVERABLES',
  'AURORA-SHOOT-SCHEDULE',
  'AURORA-HR-ITINERARY',
  'AURORA-SCRIPT-V2',
  'AURORA-CALLNOTES',
  // Nova's credentials hand-over (high-risk, lead on its allowlist): its title may show to its readers.
  'AURORA-CREDENTIALS',
  // Nova's passport scan (docs/product.md §9.1): her high-risk hand-over, lead on its allowlist; it holds a view-only
  // file.
  'AURORA-PASSPORT',
] as const;
export const BOREALIS_CANARIES = ['BOREALIS-RATE', 'BOREALIS-HR-SECURITY', 'BOREALIS-UNRELEASED'] as const;
/** Every item canary of the demo world. */
export const ALL_CANARIES = [...AURORA_CANARIES, ...BOREALIS_CANARIES] as const;
export type Canary = (typeof ALL_CANARIES)[number];
/** In Nova's approved public summary: on /portfolio only, never inside the portal. */
export const PUBLIC_CANARY = 'AURORA-PUBLIC-SUMMARY';
/** The secret value of AURORA-CREDENTIALS: on no page for anyone, until revealed through the vault. */
export const CREDENTIAL_SECRET = 'AURORA-CRED-SECRET-7QX4-LUMEN';

export type ProjectName = 'Aurora' | 'Borealis';
export const PROJECT_CANARIES: Record<ProjectName, readonly Canary[]> = {
  Aurora: AURORA_CANARIES,
  Borealis: BOREALIS_CANARIES,
};

/** Real client names, shown only to those who may know the identity behind a codename. */
export const NOVA = 'Nova Reyes';
export const KAI = 'Kai Storm';
export const LUMEN = 'Lumen Cosmetics';
export const CLIENT_NAMES = [NOVA, KAI, LUMEN] as const;

export type DemoUser = {
  key: string;
  email: string;
  name: string;
  /** How the header names the role. */
  roleLabel: string;
  /** The canary table of §9: exactly these item canaries, nothing else. */
  sees: readonly Canary[];
  /** Whether the user is shown the real client name of Aurora (Nova Reyes) / Borealis (Kai Storm). */
  seesNova: boolean;
  seesKai: boolean;
};

export const DEMO_USERS: readonly DemoUser[] = [
  {
    key: 'ada',
    email: 'ada.admin@mmgroup.test',
    name: 'Ada Admin',
    roleLabel: 'Access administrator',
    sees: [],
    seesNova: false,
    seesKai: false,
  },
  {
    key: 'sam',
    email: 'sam.lead@mmgroup.test',
    name: 'Sam Lead',
    roleLabel: 'Staff',
    sees: AURORA_CANARIES,
    seesNova: true,
    seesKai: false,
  },
  {
    key: 'finn',
    email: 'finn.finance@mmgroup.test',
    name: 'Finn Finance',
    roleLabel: 'Staff',
    sees: ['AURORA-RATE-250K', 'AURORA-DELIVERABLES'],
    seesNova: false,
    seesKai: false,
  },
  {
    key: 'cora',
    email: 'cora.editor@contractor.test',
    name: 'Cora Editor',
    roleLabel: 'Contractor',
    sees: ['AURORA-SCRIPT-V2'],
    seesNova: false,
    seesKai: false,
  },
  {
    key: 'nina',
    email: 'nina.nonda@contractor.test',
    name: 'Nina Nonda',
    roleLabel: 'Contractor',
    sees: [],
    seesNova: false,
    seesKai: false,
  },
  {
    key: 'oscar',
    email: 'oscar.other@mmgroup.test',
    name: 'Oscar Other',
    roleLabel: 'Staff',
    sees: BOREALIS_CANARIES,
    seesNova: false,
    seesKai: true,
  },
  {
    key: 'nova',
    email: 'nova@talent.test',
    name: 'Nova Reyes',
    roleLabel: 'Client',
    sees: AURORA_CANARIES.filter((c) => c !== 'AURORA-CALLNOTES'),
    seesNova: true,
    seesKai: false,
  },
  {
    key: 'kai',
    email: 'kai@talent.test',
    name: 'Kai Storm',
    roleLabel: 'Client',
    sees: BOREALIS_CANARIES,
    seesNova: false,
    seesKai: true,
  },
  {
    key: 'brian',
    email: 'brian@lumen.test',
    name: 'Brian Lumen',
    roleLabel: 'Client',
    sees: ['AURORA-DELIVERABLES', 'AURORA-SCRIPT-V2'],
    seesNova: true,
    seesKai: false,
  },
];

export const demoUser = (key: string): DemoUser => {
  const user = DEMO_USERS.find((u) => u.key === key);
  if (!user) throw new Error(`No demo user ${key}`);
  return user;
};

/** The projects a user can open: those holding at least one item they may read. */
export const reachableProjects = (user: DemoUser): ProjectName[] =>
  (Object.keys(PROJECT_CANARIES) as ProjectName[]).filter((p) =>
    PROJECT_CANARIES[p].some((c) => user.sees.includes(c)),
  );

export const PROJECT_PATH = /^\/projects\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const ITEM_PATH = /^\/items\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Well-formed ids that exist nowhere: the reference answer for "does not exist". */
export const MISSING_PROJECT_PATH = '/projects/00000000-0000-4000-8000-000000000000';
export const MISSING_ITEM_PATH = '/items/00000000-0000-4000-8000-000000000000';

/** The demo accounts enrolled in two-factor with DEMO_TOTP_SECRET (admin and staff must have it). */
export const TWO_FACTOR_USERS: readonly string[] = ['ada', 'sam', 'finn', 'oscar'];
const demoTotpSecretFor = (email: string) =>
  DEMO_USERS.some((u) => u.email === email.toLowerCase() && TWO_FACTOR_USERS.includes(u.key))
    ? DEMO_TOTP_SECRET
    : undefined;

/**
 * Signs in through the form and waits for the home page. When the portal asks for a two-factor code, it
 * types a fresh one (e2e/totp.ts) from `totpSecret`, by default the demo secret of the demo accounts.
 */
export async function signIn(
  page: Page,
  email: string,
  password = DEMO_PASSWORD,
  options: { totpSecret?: string } = {},
): Promise<void> {
  await page.goto('/sign-in');
  await page.getByLabel('Email', { exact: true }).fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.waitForURL((url) => ['/', '/sign-in/verify', '/sign-in/enrol'].includes(url.pathname));
  const step = new URL(page.url()).pathname;
  if (step === '/') return;
  if (step === '/sign-in/enrol')
    throw new Error(`${email} must enrol in two-factor first: drive the enrolment in the test`);
  const secret = options.totpSecret ?? demoTotpSecretFor(email);
  if (!secret) throw new Error(`${email} asks for a two-factor code: pass its totpSecret`);
  await enterTotpCode(page, email, secret);
}

/** On the two-factor step: types a code no one has used yet and waits for the home page. */
export async function enterTotpCode(page: Page, email: string, secret: string): Promise<void> {
  await withFreshTotpCode(email, secret, async (code) => {
    await page.getByLabel('Authentication code', { exact: true }).fill(code);
    await page.getByRole('button', { name: 'Verify', exact: true }).click();
    await page.waitForURL((url) => url.pathname === '/');
  });
}

// Signed-in browser states by email, kept per worker: most specs just need someone signed in, and each
// two-factor sign-in spends one of the account's 30-second code steps. A state is checked before reuse (a
// spec may have signed it out); `fresh` always signs in anew.
const sessionStates = new Map<string, Awaited<ReturnType<BrowserContext['storageState']>>>();

/** A fresh browser context (its own cookies) signed in as the user. Close it when done. */
export async function signedInContext(
  browser: Browser,
  user: DemoUser,
  options: { fresh?: boolean } = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const saved = options.fresh ? undefined : sessionStates.get(user.email);
  if (saved) {
    const context = await browser.newContext({ storageState: saved });
    const page = await context.newPage();
    await page.goto('/');
    if (new URL(page.url()).pathname === '/' && (await page.getByTestId('signed-in-user').count()) === 1)
      return { context, page };
    await context.close();
    sessionStates.delete(user.email);
  }
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, user.email);
  sessionStates.set(user.email, await context.storageState());
  return { context, page };
}

export type Visit = {
  path: string;
  status: number;
  /** Final path after redirects. */
  finalPath: string;
  /** The raw HTML the server sent, the DOM after hydration, and the visible text, joined. */
  content: string;
  visibleText: string;
};

/** Opens a path and captures everything a leak could hide in: raw HTML (with the RSC payload), DOM, visible text. */
export async function visit(page: Page, path: string): Promise<Visit> {
  const response: Response | null = await page.goto(path);
  expect(response, `no response for ${path}`).not.toBeNull();
  const raw = await response!.text();
  await page.waitForLoadState('load');
  const dom = await page.content();
  const visibleText = await page.locator('body').innerText();
  return {
    path,
    status: response!.status(),
    finalPath: new URL(page.url()).pathname,
    content: `${raw}\n${dom}\n${visibleText}`,
    visibleText,
  };
}

/** The canaries (and the public summary's, and the unrevealed secret value) found in a piece of text. */
export function canariesIn(text: string): string[] {
  return [...ALL_CANARIES, PUBLIC_CANARY, CREDENTIAL_SECRET].filter((c) => text.includes(c));
}

/** Unique same-origin link paths on the page matching a pattern. */
export async function linkPaths(page: Page, pattern: RegExp): Promise<string[]> {
  const hrefs = await page.locator('a[href]').evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).href));
  const paths = hrefs
    .map((href) => new URL(href))
    .filter((url) => url.origin === new URL(page.url()).origin)
    .map((url) => url.pathname)
    .filter((p) => pattern.test(p));
  return [...new Set(paths)];
}

/** Every project and item URL of the demo world, found by the users who can reach them. */
export type World = {
  projects: Record<ProjectName, string>;
  items: Record<Canary, string>;
};

/**
 * Gathers the world's URLs as sam.lead (all of Aurora) and oscar.other (all of Borealis), by reading the
 * home page's project links and each project page's item links (an item's title carries its canary).
 */
export async function gatherWorld(
  browser: Browser,
  which: readonly ProjectName[] = ['Aurora', 'Borealis'],
): Promise<World> {
  const world = { projects: {}, items: {} } as World;
  const guides: Record<ProjectName, string> = { Aurora: 'sam', Borealis: 'oscar' };
  for (const project of which) {
    const { context, page } = await signedInContext(browser, demoUser(guides[project]));
    try {
      await page.goto('/');
      const link = page
        .locator('a[href^="/projects/"]')
        .filter({ has: page.getByRole('heading', { name: project, exact: true }) });
      await expect(link).toHaveCount(1);
      const projectPath = new URL((await link.getAttribute('href'))!, page.url()).pathname;
      expect(projectPath).toMatch(PROJECT_PATH);
      world.projects[project] = projectPath;
      await page.goto(projectPath);
      for (const canary of PROJECT_CANARIES[project]) {
        const itemLink = page.locator('a[href^="/items/"]').filter({ hasText: canary });
        await expect(itemLink, `${canary} link on ${project}`).toHaveCount(1);
        const itemPath = new URL((await itemLink.getAttribute('href'))!, page.url()).pathname;
        expect(itemPath).toMatch(ITEM_PATH);
        world.items[canary] = itemPath;
      }
    } finally {
      await context.close();
    }
  }
  return world;
}

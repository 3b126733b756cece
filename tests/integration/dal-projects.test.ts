/**
 * Project lists and project pages through the data-access layer, on the demo world of docs/product.md §9: who sees
 * which project, under which name, with exactly which items, and what they may add.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CANARIES, seedDemoWorld } from '@/db/seed/demo-world';
import type { Actor, ItemCategory } from '@/lib/authz/types';
import { ITEM_CATEGORIES } from '@/lib/authz/types';
import { getProjectDetail } from '@/lib/dal/projects/get-project-detail';
import { listVisibleProjects } from '@/lib/dal/projects/list-visible-projects';
import { DEMO_KEYS, demoActors, type DemoKey } from '../helpers/actors';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { allItemContents, SEES, type Canary } from '../helpers/demo';

let database: TestDatabase;
let actors: Record<DemoKey, Actor>;
let projectIds: { aurora: string; borealis: string };
/** canary → its item's category and project */
let itemInfo: Map<Canary, { category: ItemCategory; projectId: string; title: string }>;

beforeAll(async () => {
  database = await createTestDatabase();
  const seeded = await seedDemoWorld(database.db);
  projectIds = seeded.projects;
  actors = await demoActors(database.db);
  const rows = await allItemContents(database.db);
  itemInfo = new Map(
    DEMO_CANARIES.map((canary) => {
      const row = rows.find((r) => r.title.endsWith(` ${canary}`))!;
      return [canary, { category: row.category, projectId: row.projectId, title: row.title }];
    }),
  );
});

afterAll(async () => {
  await database?.dispose();
});

/** docs/product.md §9: each user's projects, and the client name shown to them (null: the codename only). */
const EXPECTED_PROJECTS: Record<DemoKey, { codename: string; clientName: string | null }[]> = {
  ada: [],
  nina: [],
  sam: [{ codename: 'Aurora', clientName: 'Nova Reyes' }],
  finn: [{ codename: 'Aurora', clientName: null }],
  cora: [{ codename: 'Aurora', clientName: null }],
  oscar: [{ codename: 'Borealis', clientName: 'Kai Storm' }],
  nova: [{ codename: 'Aurora', clientName: 'Nova Reyes' }],
  kai: [{ codename: 'Borealis', clientName: 'Kai Storm' }],
  brian: [{ codename: 'Aurora', clientName: 'Nova Reyes' }],
};

const REAL_NAMES = ['Nova Reyes', 'Kai Storm', 'Lumen Cosmetics'];

describe('listVisibleProjects', () => {
  it.each(DEMO_KEYS)(
    '%s sees exactly their projects, by codename, with the client name only when entitled',
    async (key) => {
      const list = await listVisibleProjects(actors[key]);
      expect(list.map((p) => ({ codename: p.codename, clientName: p.clientName }))).toEqual(EXPECTED_PROJECTS[key]);

      // The counts are of readable items only.
      for (const project of list) {
        const projectId = project.codename === 'Aurora' ? projectIds.aurora : projectIds.borealis;
        const readable = SEES[key].filter((c) => itemInfo.get(c)!.projectId === projectId);
        expect(project.visibleItemCount, `${key} on ${project.codename}`).toBe(readable.length);
      }

      // No real name shows where the client name is withheld (the counterparty's name neither).
      const allowedNames = new Set(list.flatMap((p) => [p.clientName, p.counterpartyName]).filter(Boolean));
      const text = JSON.stringify(list);
      for (const name of REAL_NAMES)
        if (!allowedNames.has(name)) expect(text, `${key} must not see ${name}`).not.toContain(name);
      for (const canary of DEMO_CANARIES) expect(text).not.toContain(canary);
    },
  );

  it('the counterparty name travels with the client identity', async () => {
    const [forSam] = await listVisibleProjects(actors.sam);
    expect(forSam?.counterpartyName).toBe('Lumen Cosmetics');
    const [forFinn] = await listVisibleProjects(actors.finn);
    expect(forFinn?.counterpartyName).toBeNull();
  });
});

describe('getProjectDetail', () => {
  const projectsOf = () =>
    [
      ['Aurora', projectIds.aurora],
      ['Borealis', projectIds.borealis],
    ] as const;

  it.each(DEMO_KEYS)(
    '%s gets a project page only for visible projects, listing exactly the readable items',
    async (key) => {
      for (const [codename, projectId] of projectsOf()) {
        const detail = await getProjectDetail(actors[key], projectId);
        const visible = EXPECTED_PROJECTS[key].find((p) => p.codename === codename);
        if (!visible) {
          expect(detail, `${key} must not see ${codename}`).toBeNull();
          continue;
        }
        expect(detail).not.toBeNull();
        expect(detail!.codename).toBe(codename);
        expect(detail!.clientName).toBe(visible.clientName);

        const readable = SEES[key].filter((c) => itemInfo.get(c)!.projectId === projectId);
        const expected = ITEM_CATEGORIES.map((category) => ({
          category,
          titles: readable
            .filter((c) => itemInfo.get(c)!.category === category)
            .map((c) => itemInfo.get(c)!.title)
            .sort(),
        })).filter((g) => g.titles.length > 0);
        const actual = detail!.itemsByCategory.map((g) => ({
          category: g.category,
          titles: g.items.map((i) => i.title).sort(),
        }));
        expect(actual, `${key} on ${codename}`).toEqual(expected);

        const text = JSON.stringify(detail);
        for (const canary of DEMO_CANARIES) {
          if (!readable.includes(canary)) expect(text, `${key} must not see ${canary}`).not.toContain(canary);
        }
        if (visible.clientName === null) for (const name of REAL_NAMES) expect(text).not.toContain(name);
      }
    },
  );

  it('an unknown project answers null, like a hidden one', async () => {
    for (const key of DEMO_KEYS) expect(await getProjectDetail(actors[key], randomUUID())).toBeNull();
  });

  const CREATABLE: [DemoKey, 'aurora' | 'borealis', ItemCategory[]][] = [
    ['sam', 'aurora', ['deal_terms', 'logistics', 'creative', 'communications', 'credentials']],
    ['finn', 'aurora', ['deal_terms']],
    ['cora', 'aurora', ['creative']],
    ['nova', 'aurora', ['logistics', 'creative', 'credentials']],
    ['brian', 'aurora', []],
    ['oscar', 'borealis', ['deal_terms', 'logistics', 'creative', 'communications', 'credentials']],
    ['kai', 'borealis', ['logistics', 'creative', 'credentials']],
  ];

  it.each(CREATABLE)('%s may add to %s exactly the categories %j', async (key, project, categories) => {
    const detail = await getProjectDetail(actors[key], projectIds[project]);
    expect(detail?.creatableCategories).toEqual(categories);
  });
});

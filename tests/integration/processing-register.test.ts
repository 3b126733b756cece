/**
 * The register of processing activities (issue 15 points 4-5) through the data-access layer: generated from the
 * system's own data (a changed retention rule is the register's new retention, with nothing typed twice), the
 * purposes people write, each engagement's controller or processor role, and a processor engagement's rights request
 * routed to the controller — named to the requester only when the client allows public association.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notifications, projects } from '@/db/schema';
import { seedDemoWorld } from '@/db/seed/demo-world';
import type { Actor } from '@/lib/authz/types';
import { submitPublicRequest } from '@/lib/dal/privacy/submit-public-request';
import { updateRetentionRule } from '@/lib/dal/privacy/update-retention-rule';
import { buildProcessingRegister } from '@/lib/dal/processing/build-register';
import { addProcessingPurpose } from '@/lib/dal/processing/add-processing-purpose';
import { removeProcessingPurpose } from '@/lib/dal/processing/remove-processing-purpose';
import { getRequestRouting } from '@/lib/dal/processing/get-request-routing';
import { routePrivacyRequest } from '@/lib/dal/processing/route-privacy-request';
import { setEngagementRole } from '@/lib/dal/processing/set-engagement-role';
import { activitiesCsv, registerJson } from '@/lib/privacy/processing-export';
import { demoActors, meta, type DemoKey } from '../helpers/actors';
import { createTestDatabase, type TestDatabase } from '../helpers/database';
import { expectAppError } from '../helpers/expect';
import { auditFor, lastEmailTo, publicRequest, requestRow } from '../helpers/privacy';

let database: TestDatabase;
let actors: Record<DemoKey, Actor>;
let aurora: string;
let borealis: string;

beforeAll(async () => {
  database = await createTestDatabase();
  await seedDemoWorld(database.db);
  actors = await demoActors(database.db);
  const rows = await database.db.select({ id: projects.id, codename: projects.codename }).from(projects);
  aurora = rows.find((r) => r.codename === 'Aurora')!.id;
  borealis = rows.find((r) => r.codename === 'Borealis')!.id;
});

afterAll(async () => {
  await database?.dispose();
});

const activity = async (category: string) =>
  (await buildProcessingRegister(actors.ada)).activities.find((a) => a.category === category)!;

describe('the register is generated from the system', () => {
  it('has every data category of the vocabulary, with the seeded purposes and the database’s own security facts', async () => {
    const register = await buildProcessingRegister(actors.ada);
    expect(register.activities.map((a) => a.label)).toEqual([
      'Identity and contact',
      'Deal terms',
      'Logistics',
      'Creative',
      'Communications',
      'Credentials',
      'Events',
      'Profiles',
      'Usage data',
    ]);
    const credentials = register.activities.find((a) => a.category === 'credentials')!;
    expect(credentials.purposes.map((p) => p.lawfulBasisLabel)).toEqual(['Contract']);
    expect(credentials.security.join('\n')).toMatch(/Encrypted at rest .*items\.sealed/);
    expect(credentials.security.join('\n')).toMatch(/Row-level security enabled and forced: items, files/);
    expect(credentials.security.join('\n')).toContain('Two-factor sign-in required for: admin, staff');
  });

  it('a changed retention rule is the register’s retention, in the page data and in both exports', async () => {
    expect((await activity('deal_terms')).retention).toEqual([
      'Contract records: 5 years after the contract ends (the closed project’s end date)',
    ]);
    await updateRetentionRule(
      actors.ada,
      { key: 'contract_records', periodValue: 7, periodUnit: 'years', enabled: true },
      meta,
    );
    expect((await activity('deal_terms')).retention).toEqual([
      'Contract records: 7 years after the contract ends (the closed project’s end date)',
    ]);
    const register = await buildProcessingRegister(actors.ada);
    expect(activitiesCsv(register)).toContain('Contract records: 7 years after the contract ends');
    expect(JSON.parse(registerJson(register)).activities[1].retention).toEqual([
      'Contract records: 7 years after the contract ends (the closed project’s end date)',
    ]);
    await updateRetentionRule(
      actors.ada,
      { key: 'contract_records', periodValue: 7, periodUnit: 'years', enabled: false },
      meta,
    );
    expect((await activity('deal_terms')).retention[0]).toBe(
      'Contract records: no period applied (the rule is switched off)',
    );
    await updateRetentionRule(
      actors.ada,
      { key: 'contract_records', periodValue: 5, periodUnit: 'years', enabled: true },
      meta,
    );
  });

  it('the events’ own needs retention is read from the events', async () => {
    expect((await activity('events')).retention[0]).toMatch(
      /^Guests’ needs: (as each event sets|(\d+ days?( or )?)+ after the event) \(each event’s own setting; a new event starts at 30 days\)$/,
    );
  });

  it('purposes are the only words people write: added and removed by an admin, audited; nobody else reads or writes the register', async () => {
    const { id } = await addProcessingPurpose(
      actors.ada,
      { category: 'profiles', purpose: 'Scouting =HYPERLINK("x") new talent', lawfulBasis: 'legitimate_interests' },
      meta,
    );
    expect((await activity('profiles')).purposes.map((p) => p.purpose)).toContain(
      'Scouting =HYPERLINK("x") new talent',
    );
    // A formula typed into a purpose is escaped in the CSV (papaparse escapeFormulae), never run by a spreadsheet.
    expect(activitiesCsv(await buildProcessingRegister(actors.ada))).toContain('Scouting =HYPERLINK(""x"") new talent');
    expect(await auditFor(database.db, id, 'processing.purpose_added')).toHaveLength(1);
    await removeProcessingPurpose(actors.ada, { purposeId: id }, meta);
    expect((await activity('profiles')).purposes.map((p) => p.purpose)).not.toContain(
      'Scouting =HYPERLINK("x") new talent',
    );
    for (const who of ['sam', 'nova', 'brian'] as const) {
      await expectAppError(buildProcessingRegister(actors[who]), 'not_found');
      await expectAppError(
        addProcessingPurpose(actors[who], { category: 'profiles', purpose: 'Nope', lawfulBasis: 'consent' }, meta),
        'not_found',
      );
      await expectAppError(
        setEngagementRole(actors[who], { projectId: aurora, role: 'processor', instructionsRef: 'X-1' }, meta),
        'not_found',
      );
    }
  });
});

describe('controller or processor per engagement, and routing', () => {
  it('an engagement is controller by default; an admin makes it processor with the instructions on file (audited)', async () => {
    const before = (await buildProcessingRegister(actors.ada)).engagements.find((e) => e.project === 'Aurora')!;
    expect(before).toMatchObject({ role: 'controller', instructionsRef: null, client: 'Client Vega' });
    await setEngagementRole(
      actors.ada,
      { projectId: aurora, role: 'processor', instructionsRef: 'DPA-AURORA-2026' },
      meta,
    );
    const after = (await buildProcessingRegister(actors.ada)).engagements.find((e) => e.project === 'Aurora')!;
    expect(after).toMatchObject({ role: 'processor', instructionsRef: 'DPA-AURORA-2026' });
    expect(await auditFor(database.db, aurora, 'processing.engagement_role_set')).toHaveLength(1);
  });

  it('a request about a processor engagement: the requester is told to contact the controller by name, the client is told', async () => {
    const email = 'guest.routed@example.test';
    const { requestId } = await submitPublicRequest(
      publicRequest({ kind: 'opt_out_sale_sharing', email, details: 'About the Lumen campaign' }),
      meta,
    );
    const { named } = await routePrivacyRequest(actors.ada, { requestId, projectId: aurora }, meta);
    expect(named).toBe(true);
    expect(await requestRow(database.db, requestId)).toMatchObject({ status: 'completed' });
    expect((await getRequestRouting(requestId))?.controllerPublicName).toBe('Nova Reyes');
    expect(openText(await lastEmailTo(database.db, email))).toMatch(/Please contact Nova Reyes about your request/);
    const told = await database.db.select().from(notifications).where(eq(notifications.userId, actors.nova.id));
    expect(told.find((n) => n.kind === 'privacy.routed')?.body).toContain(email);
    expect(openText(await lastEmailTo(database.db, 'nova@talent.test'))).toMatch(
      /privacy request about data we process for you/,
    );
    expect(await auditFor(database.db, requestId, 'privacy.request_routed')).toHaveLength(1);
    // Closed: it cannot be routed again.
    await expectAppError(routePrivacyRequest(actors.ada, { requestId, projectId: aurora }, meta), 'invalid');
  });

  it('a zero-public-association controller is never named to the requester, but is told', async () => {
    await setEngagementRole(
      actors.ada,
      { projectId: borealis, role: 'processor', instructionsRef: 'DPA-BOREALIS-1' },
      meta,
    );
    const email = 'kai.fan@example.test';
    const { requestId } = await submitPublicRequest(publicRequest({ kind: 'opt_out_sale_sharing', email }), meta);
    expect((await routePrivacyRequest(actors.ada, { requestId, projectId: borealis }, meta)).named).toBe(false);
    const routing = await getRequestRouting(requestId);
    expect(routing?.controllerPublicName).toBeNull();
    const sent = openText(await lastEmailTo(database.db, email));
    expect(sent).toMatch(/asked not to be publicly associated with us, so we cannot name them/);
    expect(sent).not.toMatch(/Kai|Storm|Orion|Borealis/);
    const told = await database.db.select().from(notifications).where(eq(notifications.userId, actors.kai.id));
    expect(told.some((n) => n.kind === 'privacy.routed')).toBe(true);
  });

  it('only a processor engagement takes a routed request, and only an admin routes', async () => {
    await setEngagementRole(actors.ada, { projectId: borealis, role: 'controller', instructionsRef: '' }, meta);
    const { requestId } = await submitPublicRequest(
      publicRequest({ kind: 'opt_out_sale_sharing', email: 'not.routed@example.test' }),
      meta,
    );
    await expectAppError(routePrivacyRequest(actors.ada, { requestId, projectId: borealis }, meta), 'not_found');
    await expectAppError(routePrivacyRequest(actors.sam, { requestId, projectId: aurora }, meta), 'not_found');
    expect(await getRequestRouting(requestId)).toBeNull();
  });
});

function openText(row: { text: string | null } | null): string {
  return row?.text ?? '';
}

/**
 * The shared set-up of the server-action tests: a seeded database, the discovered actions, inputs drawn from
 * the seeded world, and the callers (anonymous, a signed-in outsider, a signed-in non-administrator).
 */
import { DEMO_PASSWORD_DEFAULT, seedDemoWorld } from '@/db/seed/demo-world';
import { openSession } from '@/lib/dal/account/open-session';
import { loadSessionUser } from '@/lib/dal/account/read-session-user';
import { withActor } from '@/lib/dal/transaction';
import { actorFor, DEMO_EMAILS } from './actors';
import { caller, callerMeta, discoverActions, type ServerAction } from './action-harness';
import {
  extraForms,
  fieldNamesOf,
  loadWorld,
  validationSchemas,
  wellFormedForms,
  type Form,
  type FormGroup,
  type World,
} from './action-inputs';
import { secretsOf } from './action-checks';
import { createTestDatabase, type TestDatabase } from './database';

/**
 * Who calls: nobody; nina.nonda, a contractor with no NDA and no project (an outsider to everything); and, for
 * administration actions only, sam.lead, a staff lead who is no administrator (he may legitimately write items
 * in his own project, so he is not an outsider to the item actions).
 */
export type Identity = 'anonymous' | 'outsider' | 'non-admin';
const USERS = { outsider: DEMO_EMAILS.nina, 'non-admin': DEMO_EMAILS.sam } as const;

export const isAdminAction = (action: ServerAction): boolean => /(^|\/)admin\//.test(action.file);
export const identitiesFor = (action: ServerAction): Identity[] =>
  isAdminAction(action) ? ['anonymous', 'outsider', 'non-admin'] : ['anonymous', 'outsider'];

export type Suite = {
  database: TestDatabase;
  actions: ServerAction[];
  world: World;
  /** Well-formed forms by schema, and forms for actions whose schema is not in lib/validations. */
  groups: FormGroup[];
  extras: Form[];
  /** All of the above, flat. */
  forms: Form[];
  fieldNames: string[];
  secrets: string[];
  userIds: Record<Exclude<Identity, 'anonymous'>, string>;
};

export async function setUpSuite(): Promise<Suite> {
  const database = await createTestDatabase();
  await seedDemoWorld(database.db);
  const actions = await discoverActions();
  // Other people are signed in too: their session ids are among the inputs, and their sessions must survive.
  for (const email of [DEMO_EMAILS.ada, DEMO_EMAILS.kai, DEMO_EMAILS.oscar]) {
    // As the account itself: the database opens a session only for the account a transaction acts for or holds.
    const actor = await actorFor(database.db, email);
    await withActor(actor, ({ tx }) => openSession(tx, actor.id, callerMeta, new Date()));
  }
  const world = await loadWorld(database.db);
  const schemas = await validationSchemas();
  const groups = wellFormedForms(world, schemas);
  const extras = extraForms(world, DEMO_PASSWORD_DEFAULT);
  const forms = [...groups.flatMap((g) => [g.base, ...g.variants]), ...extras];
  const userIds = {
    outsider: (await actorFor(database.db, USERS.outsider)).id,
    'non-admin': (await actorFor(database.db, USERS['non-admin'])).id,
  };
  return {
    database,
    actions,
    world,
    groups,
    extras,
    forms,
    fieldNames: fieldNamesOf(schemas, forms),
    secrets: await secretsOf(database.db),
    userIds,
  };
}

/**
 * Makes the next calls come from this identity, with a real session row opened by the data-access layer (as
 * a completed sign-in does) that the per-request session check accepts.
 */
export async function actAs(suite: Suite, identity: Identity): Promise<string | undefined> {
  if (identity === 'anonymous') {
    caller.sessionId = null;
    return undefined;
  }
  const userId = suite.userIds[identity];
  const sessionId = await withActor({ id: userId, role: 'staff', disabled: false, clientAccountIds: [] }, ({ tx }) =>
    openSession(tx, userId, callerMeta, new Date()),
  );
  caller.sessionId = sessionId;
  const user = await loadSessionUser(sessionId);
  if (user?.id !== suite.userIds[identity]) throw new Error(`the session of ${identity} does not check out`);
  return user.id;
}

/** Re-opens the caller's session if an action (signing out) ended it. */
export async function keepSignedIn(suite: Suite, identity: Identity): Promise<void> {
  if (identity === 'anonymous') return;
  if (caller.sessionId && (await loadSessionUser(caller.sessionId))) return;
  await actAs(suite, identity);
}

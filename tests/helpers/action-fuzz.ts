/**
 * The server-action tests for one caller identity, two per discovered action:
 * 1. direct calls with every well-formed form built from the seeded world (and with no arguments at all):
 *    each reaches at least the authorization check, and each is refused;
 * 2. RUNS random and hostile argument lists (action-inputs.ts), seeded with the forms that got past validation
 *    in 1, so many reach the data-access layer.
 * Every answer must be a known refusal with no secret in it (action-checks.ts `judge`), and no table may change
 * but the audit log, whose new events must all be refusals.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeAnswer, invoke, type ServerAction } from './action-harness';
import {
  allowedAuditEventsSince,
  changedTables,
  fingerprint,
  judge,
  rulesFor,
  VALIDATION_MESSAGE,
} from './action-checks';
import { actionArguments, hostileString, toFormData, type Form } from './action-inputs';
import { actAs, identitiesFor, keepSignedIn, setUpSuite, type Identity, type Suite } from './action-suite';

export const RUNS = Number(process.env.FUZZ_RUNS ?? 200);

function describeArgs(args: unknown[]): string {
  return args
    .map((arg) => {
      if (!(arg instanceof FormData))
        return typeof arg === 'object' && arg !== null
          ? `<${arg.constructor?.name ?? 'object'}>`
          : String(arg).slice(0, 40);
      const fields = [...arg.entries()].map(
        ([k, v]) =>
          `${k.slice(0, 30)}=${typeof v === 'string' ? JSON.stringify(v.slice(0, 60)) + (v.length > 60 ? `…(${v.length})` : '') : '<file>'}`,
      );
      return `FormData{${fields.join(', ')}}`;
    })
    .join(', ');
}

const messageOf = (answer: Awaited<ReturnType<typeof invoke>>): string =>
  answer.kind === 'redirect'
    ? `redirect ${answer.to.replace(/[0-9a-f]{8}-[0-9a-f-]{27}/gi, ':id')}`
    : answer.kind === 'error'
      ? 'error'
      : String((answer.value as { message?: unknown } | null)?.message);

export function defineActionTests(identity: Identity, actions: ServerAction[]): void {
  let suite: Suite;
  const tally: string[] = [];
  /** Per action: the well-formed forms it did not reject as invalid, and how many were sent. */
  const accepted = new Map<string, Form[]>();
  const sent = new Map<string, number>();

  beforeAll(async () => {
    suite = await setUpSuite();
  }, 120_000);

  afterAll(async () => {
    if (tally.length > 0) console.info(`Server actions called as ${identity}:\n${tally.join('\n')}`);
    await suite?.database.dispose();
  });

  /** Runs calls as the identity and checks that nothing but refusals were written. */
  async function refusedCalls(action: ServerAction, body: () => Promise<void>): Promise<void> {
    const rules = rulesFor(action);
    const selfId = await actAs(suite, identity);
    const owner = rules.selfService ? selfId : undefined;
    const before = await fingerprint(suite.database.db, owner, rules.mayWrite);
    await body();
    const after = await fingerprint(suite.database.db, owner, rules.mayWrite);
    expect(changedTables(before, after), 'tables written by refused calls').toEqual([]);
    expect(
      await allowedAuditEventsSince(suite.database.db, before, owner, rules.auditAllowed),
      'audited as allowed',
    ).toEqual([]);
  }

  async function call(action: ServerAction, args: unknown[], anyCookie: string | null = null) {
    if (rulesFor(action).selfService) await keepSignedIn(suite, identity);
    const answer = await invoke(action, args, anyCookie);
    return { answer, problem: judge(action, answer, suite.secrets) };
  }

  for (const action of actions.filter((a) => identitiesFor(a).includes(identity))) {
    it(`${action.id}: every well-formed form, posted directly as ${identity}, is refused without a leak or a write`, async () => {
      await refusedCalls(action, async () => {
        const problems: string[] = [];
        const forms: Form[] = [];
        const attempt = async (args: unknown[], form?: Form): Promise<boolean> => {
          sent.set(action.id, (sent.get(action.id) ?? 0) + 1);
          const { answer, problem } = await call(action, args);
          if (problem) problems.push(`${problem} for (${describeArgs(args)}): ${describeAnswer(answer)}`);
          const passed = messageOf(answer) !== VALIDATION_MESSAGE;
          if (form && passed) forms.push(form);
          return passed;
        };
        await attempt([]);
        await attempt([undefined, new FormData()]);
        for (const form of suite.extras) await attempt([undefined, toFormData(form)], form);
        // Each schema's base form; then the variations (other real ids, other choices) of those the action
        // accepts, unless it accepts nearly anything (an action without input).
        const taken = [];
        for (const group of suite.groups)
          if (await attempt([undefined, toFormData(group.base)], group.base)) taken.push(group);
        if (taken.length <= 8)
          for (const variant of taken.flatMap((g) => g.variants))
            await attempt([undefined, toFormData(variant)], variant);
        accepted.set(action.id, forms);
        expect(problems.slice(0, 5)).toEqual([]);
        // Unless the action takes no input, some well-formed form must reach past validation, or this test would
        // only be testing the schema: give the action's schema a home in lib/validations, or add a form to
        // extraForms (tests/helpers/action-inputs.ts).
        if (action.fn.length > 0) expect(forms.length, 'well-formed forms that got past validation').toBeGreaterThan(0);
      });
    }, 300_000);

    it(`${action.id}: ${RUNS} random and hostile inputs as ${identity}: only refusals, no leak, no write`, async () => {
      const answers = new Map<string, number>();
      await refusedCalls(action, async () => {
        const forms = accepted.get(action.id)?.length ? accepted.get(action.id)! : suite.forms;
        await fc.assert(
          // Sometimes every cookie the action reads is forged too (a sign-in challenge, say).
          fc.asyncProperty(
            actionArguments(suite.world, forms, suite.fieldNames),
            fc.option(hostileString(suite.world), { freq: 3 }),
            async (args, cookie) => {
              const { answer, problem } = await call(action, args, cookie);
              if (problem)
                throw new Error(
                  `${problem} for (${describeArgs(args)}${cookie === null ? '' : `; cookies ${JSON.stringify(cookie.slice(0, 60))}`}): ${describeAnswer(answer)}`,
                );
              answers.set(messageOf(answer), (answers.get(messageOf(answer)) ?? 0) + 1);
            },
          ),
          { numRuns: RUNS },
        );
      });
      const direct = `${sent.get(action.id) ?? 0} well-formed calls (${accepted.get(action.id)?.length ?? 0} past validation)`;
      tally.push(
        `  ${action.id}: ${direct}; ${RUNS} hostile: ${[...answers].map(([k, n]) => `${n}× ${k}`).join('; ')}`,
      );
    }, 300_000);
  }
}

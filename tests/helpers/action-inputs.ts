/**
 * Inputs for posting server actions directly: the seeded world's real ids (every uuid `id` of every table),
 * well-formed forms built from the app's own zod schemas (so a call gets past validation and reaches the
 * authorization check), and fast-check arbitraries of hostile variations.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { rowsOf, type Db } from '@/db/client';
import { CLASSIFICATIONS, ITEM_CATEGORIES, SCOPES, USER_ROLES } from '@/lib/authz/types';

export type Form = Record<string, string | string[]>;
export type World = { idsByTable: Record<string, string[]>; allIds: string[]; emails: string[]; sessionIds: string[] };

export async function loadWorld(db: Db): Promise<World> {
  const tables = rowsOf<{ table_name: string }>(
    await db.execute(sql`select table_name from information_schema.columns
      where table_schema = 'public' and column_name = 'id' and data_type = 'uuid' order by table_name`),
  ).map((r) => r.table_name);
  const idsByTable: Record<string, string[]> = {};
  for (const table of tables) {
    idsByTable[table] = rowsOf<{ id: string }>(
      await db.execute(sql.raw(`select id::text as id from "${table}" order by id limit 40`)),
    ).map((r) => r.id);
  }
  const emails = rowsOf<{ email: string }>(await db.execute(sql`select email from users order by email`)).map(
    (r) => r.email,
  );
  const sessionIds = rowsOf<{ id: string }>(await db.execute(sql`select id from sessions limit 5`)).map((r) => r.id);
  return { idsByTable, allIds: Object.values(idsByTable).flat(), emails, sessionIds };
}

/** Real ids that fit a field name: `itemId` → items, `ndaVersionId` → nda_versions, `entryId` → *_entries… */
export function relatedIds(world: World, key: string): string[] {
  const stem = key.replace(/Ids?$/, '');
  const last = (stem.match(/[A-Z]?[a-z]+$/)?.[0] ?? stem).toLowerCase().replace(/y$/, '');
  const tables = Object.keys(world.idsByTable).filter((t) => last.length > 1 && t.includes(last));
  const ids = tables.flatMap((t) => world.idsByTable[t]!);
  return ids.length > 0 ? ids : world.allIds;
}

// ---- Well-formed forms, from the app's schemas ----

type ObjectSchema = z.ZodObject<Record<string, z.ZodType>>;

/** The object inside a schema: refinements keep it a ZodObject, `.transform()` wraps it in a pipe. */
function objectOf(value: unknown): ObjectSchema | null {
  if (value instanceof z.ZodObject) return value as ObjectSchema;
  if (value instanceof z.ZodPipe) return objectOf(value.in);
  return null;
}

/** Every object schema exported by lib/validations (new ones included automatically). */
export async function validationSchemas(root = process.cwd()): Promise<Record<string, ObjectSchema>> {
  const dir = path.join(root, 'lib/validations');
  const found: Record<string, ObjectSchema> = {};
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith('.ts'))
    .sort()) {
    const module = (await import(/* @vite-ignore */ path.join(dir, file))) as Record<string, unknown>;
    for (const [name, value] of Object.entries(module)) {
      const object = objectOf(value);
      if (object) found[`${file}:${name}`] = object;
    }
  }
  return found;
}

const PASSWORD = 'correct horse battery staple 9';
const SAMPLE_VALUES = [
  ...USER_ROLES,
  ...SCOPES,
  ...CLASSIFICATIONS,
  ...ITEM_CATEGORIES,
  'lead',
  'member',
  'talent',
  'brand',
  'true',
  'on',
  'someone.new@example.test',
  '2025-06-01',
  '2031-12-31',
  'Fuzzcode',
  '123456',
  PASSWORD,
  'A reason, a title or a text that is long enough for every minimum length in the forms.',
];

type Def = {
  type?: string;
  entries?: Record<string, unknown>;
  values?: unknown[];
  innerType?: z.ZodType;
  in?: z.ZodType;
  out?: z.ZodType;
  options?: z.ZodType[];
  element?: z.ZodType;
  checks?: { _zod?: { def?: { format?: string; pattern?: RegExp } } }[];
};

/** Values a field's own schema names: enum options, literals, through optional/default/pipe/union/array. */
function samplesOf(field: z.ZodType, depth = 0): string[] {
  const def = (field as unknown as { _zod?: { def?: Def } })._zod?.def;
  if (!def || depth > 8) return [];
  const inner = (schema?: z.ZodType) => (schema ? samplesOf(schema, depth + 1) : []);
  switch (def.type) {
    case 'enum':
      return Object.values(def.entries ?? {}).map(String);
    case 'literal':
      return (def.values ?? []).map(String);
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'catch':
    case 'readonly':
    case 'nonoptional':
      return inner(def.innerType);
    case 'pipe':
      return [...inner(def.in), ...inner(def.out)];
    case 'union':
      return (def.options ?? []).flatMap((option) => inner(option));
    case 'array':
      return inner(def.element);
    case 'boolean':
      return ['on', 'true'];
    case 'number':
    case 'int':
    case 'bigint':
      return ['1', '30'];
    case 'string': {
      // A pattern the field must match (a hash, a code): strings generated to match it.
      const patterns = (def.checks ?? []).flatMap((c) =>
        c._zod?.def?.format === 'regex' && c._zod.def.pattern ? [c._zod.def.pattern] : [],
      );
      return patterns.flatMap((pattern) => fc.sample(fc.stringMatching(pattern), { numRuns: 2, seed: 42 }));
    }
    default:
      return [];
  }
}

/** A schema's well-formed form, and variations of it: each id field with other real ids, each choice of a field. */
export type FormGroup = { schema: string; base: Form; variants: Form[] };

/** Forms the app's own schemas accept, one group per schema. */
export function wellFormedForms(
  world: World,
  schemas: Record<string, ObjectSchema>,
  perIdField = 8,
  perChoice = 4,
): FormGroup[] {
  return Object.entries(schemas).map(([name, schema]) => {
    const base: Form = {};
    for (const [key, field] of Object.entries(schema.shape)) {
      if (/confirm/i.test(key)) continue;
      const candidates = /Ids?$/.test(key)
        ? relatedIds(world, key)
        : /email/i.test(key)
          ? [...world.emails, ...SAMPLE_VALUES]
          : /password|credential/i.test(key)
            ? [PASSWORD, ...SAMPLE_VALUES]
            : [...samplesOf(field), ...SAMPLE_VALUES];
      const value = candidates.find((candidate) => field.safeParse(candidate).success);
      if (value !== undefined) base[key] = value;
    }
    for (const key of Object.keys(schema.shape).filter((k) => /confirm/i.test(k)))
      base[key] = base.newPassword ?? base.password ?? PASSWORD;
    const variants: Form[] = [];
    for (const key of Object.keys(base).filter((k) => /Ids?$/.test(k))) {
      for (const id of relatedIds(world, key).slice(0, perIdField))
        if (id !== base[key]) variants.push({ ...base, [key]: id });
    }
    // Each choice a field offers (approve / refuse, lead / member…), one at a time.
    for (const [key, field] of Object.entries(schema.shape).filter(([k]) => !/Ids?$/.test(k))) {
      for (const choice of [...new Set(samplesOf(field))].slice(0, perChoice))
        if (choice !== base[key]) variants.push({ ...base, [key]: choice });
    }
    return { schema: name, base, variants };
  });
}

/** Forms for actions whose schemas live beside them (sign-in, and the usual names of later ones). */
export function extraForms(world: World, realPassword: string): Form[] {
  return [
    ...world.emails.map((email) => ({ email, password: 'not-the-password-1' })),
    { email: 'nobody@example.test', password: PASSWORD },
    { code: '123456' },
    { code: '000000', password: PASSWORD },
    // The caller's own, correct password, against every item: re-authenticating opens nothing one may not see.
    ...(world.idsByTable.items ?? []).map((itemId) => ({
      itemId,
      password: realPassword,
      reason: 'Needed for the booking',
    })),
    // Recording a disclosure: its fields depend on one another (an instrument needs its reference, a gag's end date
    // needs a gag), so a form of independent choices never passes; an ordinary vendor disclosure for each account.
    ...(world.idsByTable.client_accounts ?? []).map((clientAccountId) => ({
      clientAccountId,
      recipientKind: 'vendor',
      recipientName: 'Fuzz Travel Desk',
      dataCategories: 'logistics',
      purpose: 'Booking travel for the shoot.',
      lawfulBasis: 'contract',
    })),
  ];
}

// ---- Hostile values ----

const HOSTILE = [
  '',
  ' ',
  '\t\n',
  'null',
  'undefined',
  'true',
  'false',
  '0',
  '-1',
  '1e309',
  'NaN',
  '0x7fffffff',
  '[]',
  '{}',
  "' OR '1'='1",
  "'; drop table items; --",
  '" OR 1=1 --',
  "') union select title, body from items --",
  '%',
  '_',
  '\\',
  '$1',
  "1' and pg_sleep(5) --",
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  'javascript:alert(1)',
  '{{7*7}}',
  '${7*7}',
  '../../etc/passwd',
  '\u0000',
  'a\u0000b',
  '\u202eevil',
  '\u200b',
  '\ud800',
  '\udfff',
  '😀🔥',
  'é'.normalize('NFD'),
  'İ',
  'ǅ',
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
  '00000000-0000-4000-8000-000000000000 ',
  '2027-02-30',
  '0000-00-00',
  '9999-12-31',
  '1900-01-01',
  '2027-1-1',
  'admin',
  'ADMIN',
  'high_risk ',
  'lead\u0000',
  '{"$ne":null}',
  '__proto__',
  'constructor',
  'a@b',
  'x@example.test\r\nBcc: y@example.test',
];

/** A string of about `size` characters (up to ~100 kB). */
const huge = fc
  .tuple(fc.integer({ min: 1_000, max: 100_000 }), fc.constantFrom('A', 'é', '€', '<', "'", ' ', '\u0000', 'ab1-'))
  .map(([size, unit]) => unit.repeat(Math.ceil(size / unit.length)));

export function hostileString(world: World): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...HOSTILE) },
    { weight: 2, arbitrary: fc.string({ maxLength: 40 }) },
    { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
    { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }) },
    { weight: 1, arbitrary: huge },
    { weight: 4, arbitrary: fc.constantFrom(...world.allIds) },
    { weight: 2, arbitrary: fc.uuid() },
    { weight: 1, arbitrary: fc.uuid().map((u) => u.toUpperCase()) },
    { weight: 1, arbitrary: fc.constantFrom(...world.emails, ...world.sessionIds) },
    { weight: 1, arbitrary: fc.constantFrom(...SAMPLE_VALUES) },
  );
}

const WEIRD_KEYS = [
  '__proto__',
  'constructor',
  'toString',
  'hasOwnProperty',
  'valueOf',
  '',
  ' ',
  '$ACTION_ID_0',
  '$ACTION_REF_1',
  'id',
  'x'.repeat(500),
];

type Value = string | string[] | Blob;

export function toFormData(form: Record<string, Value | null>): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(form)) {
    if (value === null) continue;
    if (Array.isArray(value)) for (const v of value) data.append(key, v);
    else data.append(key, value);
  }
  return data;
}

/** Arguments for one direct call: mostly (previous state, FormData) as the app sends, sometimes anything at all. */
export function actionArguments(world: World, forms: Form[], fieldNames: string[]): fc.Arbitrary<unknown[]> {
  const text = hostileString(world);
  const value: fc.Arbitrary<Value> = fc.oneof(
    { weight: 8, arbitrary: text },
    { weight: 2, arbitrary: fc.array(text, { minLength: 2, maxLength: 4 }) },
    { weight: 1, arbitrary: fc.constant(new Blob(['%PDF-1.4 not a field'], { type: 'application/pdf' })) },
  );
  const keys = [...new Set([...fieldNames, ...WEIRD_KEYS])];
  const key = fc.constantFrom(...keys);
  const edited = fc
    .tuple(fc.constantFrom(...forms), fc.array(fc.tuple(key, fc.option(value, { freq: 4 })), { maxLength: 4 }))
    .map(([base, edits]) => toFormData({ ...base, ...Object.fromEntries(edits) }));
  const random = fc.dictionary(key, value, { maxKeys: 8 }).map((form) => toFormData(form));
  const formData = fc.oneof({ weight: 3, arbitrary: edited }, { weight: 2, arbitrary: random });
  const anything = fc.anything({
    withBigInt: true,
    withDate: true,
    withMap: true,
    withSet: true,
    withNullPrototype: true,
    withTypedArray: true,
    withSparseArray: true,
    maxDepth: 2,
  });
  const previous = fc.oneof(fc.constant(undefined), fc.constant({ ok: false, message: '' }), anything);
  return fc.oneof(
    { weight: 12, arbitrary: fc.tuple(previous, formData) },
    { weight: 2, arbitrary: fc.tuple(formData) },
    { weight: 1, arbitrary: fc.constant<unknown[]>([]) },
    { weight: 2, arbitrary: fc.array(anything, { maxLength: 3 }) },
    { weight: 1, arbitrary: fc.tuple(previous, fc.dictionary(key, text, { maxKeys: 5 })) },
  );
}

export function fieldNamesOf(schemas: Record<string, ObjectSchema>, forms: Form[]): string[] {
  return [
    ...new Set([
      ...Object.values(schemas).flatMap((s) => Object.keys(s.shape)),
      ...forms.flatMap((f) => Object.keys(f)),
    ]),
  ].sort();
}

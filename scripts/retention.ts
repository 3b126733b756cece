/**
 * `npm run retention [-- --dry-run] [-- --as admin@example.com]`: runs the retention rules once, as an
 * administrator (the named one, or the longest-standing active one), exactly as the button on
 * /admin/privacy/retention does: same transaction, same legal holds, same receipt in the audit log.
 * With PGlite it refuses while a server holds the same data directory (PGLITE_DIR): use the admin page then.
 */
import { openDatabase, pgliteDir, useDatabase } from '@/db/client';
import { BATCH_TIMEOUTS } from '@/db/timeouts';
import { refuseWhileServerRuns } from '@/lib/data-dir/server-lock';
import { retentionActor } from '@/lib/dal/privacy/retention-actor';
import { runRetention } from '@/lib/dal/privacy/retention-run';
import { RETENTION_RULE_TEXT } from '@/lib/privacy/retention-rules';
import { env } from '@/lib/env';
import { commandLine } from './args';
import { ensureLocalSecrets } from './env';

const { values } = commandLine('npm run retention [-- --dry-run] [-- --as admin@example.com]', {
  options: { 'dry-run': { type: 'boolean', default: false }, as: { type: 'string' } },
});
const dryRun = values['dry-run'];
const email = values.as ?? env.retentionAdminEmail;

if (!env.databaseUrl) {
  refuseWhileServerRuns('npm run retention', pgliteDir());
  ensureLocalSecrets();
}
const database = openDatabase({ timeouts: BATCH_TIMEOUTS });
try {
  await database.migrate();
  useDatabase(database);
  const actor = await retentionActor(email);
  if (!actor) {
    console.error(email ? `No active administrator ${email}.` : 'No active administrator to run retention as.');
    process.exitCode = 1;
  } else {
    const report = await runRetention(actor, { dryRun, via: 'cli' }, { ip: null, userAgent: 'npm run retention' });
    console.log(
      `${dryRun ? 'Dry run' : 'Retention run'} as ${actor.email}, ${report.startedAt} → ${report.finishedAt}`,
    );
    for (const r of report.rules) {
      const title = RETENTION_RULE_TEXT[r.rule].title;
      if (!r.enabled) {
        console.log(`- ${title}: off`);
        continue;
      }
      const verb = dryRun ? 'would remove' : 'removed';
      console.log(
        `- ${title} (${r.period}, before ${r.cutoff}): ${r.eligible} eligible, ${r.held} held, ${verb} ${dryRun ? r.eligible - r.held : r.removed}`,
      );
      for (const record of r.records) console.log(`    ${record}`);
    }
    if (!dryRun && report.expiredExportsDropped)
      console.log(`- Expired export copies dropped: ${report.expiredExportsDropped}`);
    console.log(
      dryRun
        ? 'Nothing was changed. The dry run is recorded in the audit log.'
        : 'The receipt is in the audit log (action retention.run).',
    );
  }
} finally {
  await database.close();
}

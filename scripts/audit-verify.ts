/** `npm run audit:verify`: walks the audit chain and names the first broken link (exit 1), or prints its head. */
import { openDatabase, pgliteDir } from '@/db/client';
import { BATCH_TIMEOUTS } from '@/db/timeouts';
import { refuseWhileServerRuns } from '@/lib/data-dir/server-lock';
import { verifyAuditChain } from '@/lib/dal/audit/verify-audit-chain';
import { env } from '@/lib/env';

if (!env.databaseUrl) refuseWhileServerRuns('npm run audit:verify', pgliteDir());
const database = openDatabase({ timeouts: BATCH_TIMEOUTS });
try {
  await database.migrate();
  const report = await verifyAuditChain(database.db);
  if (report.ok) {
    console.log(`Audit chain intact: ${report.events} events.`);
    if (report.head)
      console.log(`Head: seq ${report.head.seq}, hash ${report.head.hash} (record it elsewhere to detect truncation).`);
  } else {
    console.error(
      `Audit chain BROKEN at seq ${report.brokenAt.seq} (event id ${report.brokenAt.id}): ${report.problem}.`,
    );
    console.error(`${report.events} events before it verified.`);
    process.exitCode = 1;
  }
} finally {
  await database.close();
}

import 'server-only';
import type { Tx } from '../client';
import { policyVersions, processingPurposes, retentionRules } from '../schema';
import { sha256Hex } from '@/lib/crypto/tokens';
import { DEFAULT_RETENTION_RULES } from '@/lib/privacy/retention-rules';
import { DEMO_PURPOSES } from './processing-purposes';
import { FIRST_POLICY_BODY, FIRST_POLICY_SUMMARY, FIRST_POLICY_TITLE } from './privacy-policy';

/** Privacy operations in the demo world: the first policy version (in effect for a month) and the default retention rules. */
export async function seedPrivacy(tx: Tx, adminId: string, publishedAt: Date): Promise<void> {
  await tx.insert(policyVersions).values({
    version: 1,
    title: FIRST_POLICY_TITLE,
    body: FIRST_POLICY_BODY,
    bodySha256: sha256Hex(FIRST_POLICY_BODY),
    summary: FIRST_POLICY_SUMMARY,
    effectiveOn: publishedAt.toISOString().slice(0, 10),
    material: false,
    publishedBy: adminId,
    publishedAt,
  });
  await tx
    .insert(retentionRules)
    .values(DEFAULT_RETENTION_RULES.map((r) => ({ ...r, enabled: true, updatedBy: adminId })))
    .onConflictDoNothing();
  // The register of processing activities: the purposes and bases people write (issue 15 point 4, privacy policy §4).
  await tx
    .insert(processingPurposes)
    .values(DEMO_PURPOSES.map((p) => ({ ...p, updatedBy: adminId, updatedAt: publishedAt })));
}

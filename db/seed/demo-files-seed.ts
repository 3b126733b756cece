import 'server-only';
import type { Actor } from '@/lib/authz';
import { storeFile } from '@/lib/dal/files/store-file';
import { demoFiles } from './demo-files';

type World = {
  userIds: Record<'sam' | 'oscar' | 'nova', string>;
  clients: { nova: string };
  items: Record<string, string>;
};

/**
 * The four files of docs/product.md §9.1, each on its item and uploaded by who would upload it: the lead (contract,
 * deck), Nova on her own hand-over (passport scan), Borealis' lead (teaser). Stored through the blob store like any
 * upload (encrypted in authenticated chunks, under row-level security as the uploader), on the process database
 * (the caller has made it the one being seeded: db/client.ts useDatabase).
 */
export async function seedDemoFiles(world: World): Promise<void> {
  const files = await demoFiles();
  const staff = (id: string): Actor => ({ id, role: 'staff', disabled: false, clientAccountIds: [] });
  const nova: Actor = {
    id: world.userIds.nova,
    role: 'client',
    disabled: false,
    clientAccountIds: [world.clients.nova],
  };
  const plan: [Actor, string, { name: string; bytes: Uint8Array }][] = [
    [staff(world.userIds.sam), 'AURORA-RATE-250K', files.contract],
    [staff(world.userIds.sam), 'AURORA-SCRIPT-V2', files.deck],
    [nova, 'AURORA-PASSPORT', files.passport],
    [staff(world.userIds.oscar), 'BOREALIS-UNRELEASED', files.teaser],
  ];
  for (const [actor, canary, file] of plan) {
    const itemId = world.items[canary];
    if (!itemId) throw new Error(`demo files: no item ${canary}`);
    await storeFile(actor, { itemId, name: file.name, data: file.bytes });
  }
}

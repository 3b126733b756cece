import { beforeEach, describe, expect, it } from 'vitest';
import { generateMasterKey, open, rewrap, seal } from '@/lib/crypto/envelope';

describe('envelope encryption', () => {
  beforeEach(() => {
    process.env.CLEARANCE_MASTER_KEY = generateMasterKey();
    delete process.env.CLEARANCE_PREVIOUS_MASTER_KEYS;
  });

  it('round-trips and never stores the plaintext', () => {
    const sealed = seal('AURORA-HR-ITINERARY flight at 06:10', 'item:1');
    expect(JSON.stringify(sealed)).not.toContain('AURORA');
    expect(open(sealed, 'item:1')).toBe('AURORA-HR-ITINERARY flight at 06:10');
  });

  it('refuses a ciphertext moved to another record', () => {
    const sealed = seal('secret', 'item:1');
    expect(() => open(sealed, 'item:2')).toThrow();
  });

  it('refuses a tampered ciphertext', () => {
    const sealed = seal('secret', 'item:1');
    const ct = Buffer.from(sealed.ct, 'base64');
    ct[0] = ct[0]! ^ 1;
    expect(() => open({ ...sealed, ct: ct.toString('base64') }, 'item:1')).toThrow();
  });

  it('re-wraps under a new master key while the old one stays readable, then works with the new key alone', () => {
    const oldKey = process.env.CLEARANCE_MASTER_KEY!;
    const sealed = seal('secret', 'item:1');
    const newKey = generateMasterKey();
    process.env.CLEARANCE_MASTER_KEY = newKey;
    process.env.CLEARANCE_PREVIOUS_MASTER_KEYS = oldKey;
    const rewrapped = rewrap(sealed);
    expect(rewrapped.kid).not.toBe(sealed.kid);
    expect(rewrapped.ct).toBe(sealed.ct);
    delete process.env.CLEARANCE_PREVIOUS_MASTER_KEYS;
    expect(open(rewrapped, 'item:1')).toBe('secret');
    expect(() => open(sealed, 'item:1')).toThrow('not configured');
  });

  it('fails closed without a master key', () => {
    delete process.env.CLEARANCE_MASTER_KEY;
    expect(() => seal('secret', 'item:1')).toThrow('CLEARANCE_MASTER_KEY');
  });
});

/** The uploader's progress line (components/files/upload-progress.ts): bytes, recent speed and time left. */
import { describe, expect, it } from 'vitest';
import { bytesLabel, recentSpeed, timeLeft } from '@/components/files/upload-progress';
import { readableBytes } from '@/lib/files/uploads/tus-handler';

describe('upload progress', () => {
  it('speed comes from the last few seconds only, and needs half a second of samples', () => {
    expect(recentSpeed([])).toBeNull();
    expect(
      recentSpeed([
        { at: 0, bytes: 0 },
        { at: 100, bytes: 1000 },
      ]),
    ).toBeNull();
    const samples = [
      { at: 0, bytes: 0 },
      { at: 10_000, bytes: 1_000_000 }, // slow start, outside the window
      { at: 12_000, bytes: 3_000_000 },
      { at: 14_000, bytes: 5_000_000 },
    ];
    expect(recentSpeed(samples)).toBe(1_000_000);
  });

  it('time left reads as people say it', () => {
    expect(timeLeft(10_000, null)).toBe('estimating time left…');
    expect(timeLeft(9_500_000, 1_000_000)).toBe('about 10 s left');
    expect(timeLeft(300_000_000, 1_000_000)).toBe('about 5 min left');
    expect(timeLeft(7_500_000_000, 1_000_000)).toBe('about 2 h 5 min left');
  });

  it('bytes and the size limit are labelled in binary units', () => {
    expect(bytesLabel(900)).toBe('900 B');
    expect(bytesLabel(6 * 1024 * 1024)).toBe('6.0 MiB');
    expect(bytesLabel(300 * 1024)).toBe('300 KiB');
    expect(readableBytes(2 * 1024 ** 3)).toBe('2 GiB');
    expect(readableBytes(1024 ** 2)).toBe('1 MiB');
    expect(readableBytes(1536)).toBe('1.5 KiB');
    expect(readableBytes(900)).toBe('900 bytes');
  });
});

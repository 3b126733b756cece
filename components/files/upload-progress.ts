/** How an upload in progress reads: bytes sent of the total, and about how long is left at the recent speed. */

export type Sample = { at: number; bytes: number };

/** Bytes per second over the last few seconds of samples (an upload speeds up and slows down). */
export function recentSpeed(samples: readonly Sample[], windowMs = 5000): number | null {
  const last = samples.at(-1);
  if (!last) return null;
  const first = samples.find((s) => last.at - s.at <= windowMs) ?? samples[0]!;
  const ms = last.at - first.at;
  if (ms < 500 || last.bytes <= first.bytes) return null;
  return ((last.bytes - first.bytes) * 1000) / ms;
}

export function timeLeft(remainingBytes: number, bytesPerSecond: number | null): string {
  if (bytesPerSecond === null || bytesPerSecond <= 0) return 'estimating time left…';
  const seconds = Math.ceil(remainingBytes / bytesPerSecond);
  if (seconds < 60) return `about ${seconds} s left`;
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `about ${minutes} min left`;
  return `about ${Math.floor(minutes / 60)} h ${minutes % 60} min left`;
}

export function bytesLabel(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let v = n / 1024;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) {
    v /= 1024;
    i++;
  }
  return `${v.toFixed(v < 10 ? 1 : 0)} ${units[i]}`;
}

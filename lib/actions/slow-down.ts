import 'server-only';

/** Holds a refused attempt's answer for the throttle's escalating delay (lib/auth/throttle.ts). */
export const slowDown = (ms: number): Promise<void> =>
  ms > 0 ? new Promise((resolve) => setTimeout(resolve, ms)) : Promise.resolve();

// Open and migrate the database once at boot, not on the first request (PGlite's first open takes seconds).
export async function register() {
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    const { database } = await import('@/db/client');
    await database();
  }
}

/**
 * Vitest setup (every project): a fixed master key for envelope encryption, unless the environment sets one.
 * The seed and the DAL seal high-risk content and credentials, and fail closed without a key.
 */
export const TEST_MASTER_KEY = Buffer.from('clearance-test-master-key-32-byt', 'utf8').toString('base64');

process.env.CLEARANCE_MASTER_KEY ||= TEST_MASTER_KEY;

import 'server-only';

/** Export links work once and expire within five days. */
export const EXPORT_LINK_HOURS = 5 * 24;

export const context = (exportId: string) => `privacy-export:${exportId}`;

import 'server-only';

/** How far ahead the desk and the members page warn of access that ends (issue 16). */
export const EXPIRY_WARNING_DAYS = 14;

export * from './types';
export { can, checkBreakGlass, checkGrant, checkNdaFor, initialClassification, isAgency, requiresTwoFactor } from './policy';
export { identityVisibleWhere, readableItemsWhere, visibleProjectsWhere } from './sql';

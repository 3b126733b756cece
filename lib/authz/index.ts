export * from './types';
export { can, checkBreakGlass, checkGrant, checkNdaFor, initialClassification, isAgency, requiresTwoFactor } from './policy';
export { identityVisibleWhere, ndaCoversClient, readableItemsWhere, visibleProjectsWhere } from './sql';

export * from './types';
export { can, checkGrant, initialClassification, isAgency, requiresTwoFactor } from './policy';
export { identityVisibleWhere, readableItemsWhere, visibleProjectsWhere } from './sql';

export * from './types';
export { can, checkGrant, initialClassification, isAgency } from './policy';
export { identityVisibleWhere, readableItemsWhere, visibleProjectsWhere } from './sql';

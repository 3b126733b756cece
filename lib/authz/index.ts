export * from './types';
export {
  can,
  checkBreakGlass,
  checkGrant,
  checkNdaFor,
  initialClassification,
  isAgency,
  requiresTwoFactor,
} from './policy';
export {
  identityVisibleWhere,
  ndaCoversClient,
  readableItemsWhere,
  visibleEventsWhere,
  visibleProjectsWhere,
} from './sql';

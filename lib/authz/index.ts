export * from './types';
export type { ActionOn, Resource } from './policy';
export {
  ask,
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

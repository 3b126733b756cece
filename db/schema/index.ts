export * from './enums';
export * from './users';
export * from './clients';
export * from './items';
export * from './access';
export * from './authorizations';
export * from './audit';
export * from './directories';

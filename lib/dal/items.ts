import 'server-only';

/** Items: reading (items-read.ts), writing (items-write.ts) and classifying (items-classify.ts). */
export { listAllowlistCandidates, readItem, type ItemView } from './items-read';
export { createItem, updateItem, type CreateItemInput } from './items-write';
export { classifyItem } from './items-classify';

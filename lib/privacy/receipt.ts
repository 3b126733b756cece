/** What a deletion leaves behind: per table, what was removed, de-identified or kept, and why (issue 6). */
export type DeletionReceipt = {
  /** The pseudonymous id the kept records still carry (the account id), or the request's reference. */
  subjectRef: string;
  completedAt: string;
  tables: { table: string; outcome: 'removed' | 'de-identified' | 'kept'; count: number; why: string }[];
};

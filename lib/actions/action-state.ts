/** What every server action answers to its form: shared by the action wrapper and client components. */
export type ActionState = {
  ok: boolean;
  message: string;
  fieldErrors?: Record<string, string[] | undefined>;
  /** The submitted values, echoed back so a form keeps what the user typed. */
  values?: Record<string, string | string[]>;
  /** Extra data for the form on success (for instance an invitation link to pass on). */
  data?: Record<string, string>;
};

export const initialActionState: ActionState = { ok: false, message: '' };

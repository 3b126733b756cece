/**
 * What every server action answers to its form: shared by the action builder (lib/actions/action.ts) and
 * client components. `F` is the names of the action's fields (its schema's keys), so a form reading
 * `state.fieldErrors` or `state.values` cannot name a field its action does not have.
 */
export type ActionState<F extends string = string> = {
  ok: boolean;
  message: string;
  fieldErrors?: Partial<Record<F, string[]>>;
  /** The submitted values, echoed back so a form keeps what the user typed (never credentials: form-data.ts). */
  values?: Partial<Record<F, string | string[]>>;
  /** Extra data for the form on success (for instance an invitation link to pass on). */
  data?: Record<string, string>;
};

/**
 * A server action as a form calls it (useActionState): `F` is the names of its fields. `fieldNames` exists only
 * in types and takes F as a parameter, so `FormAction<S>` is assignable to `FormAction<N>` only when every name
 * in N is in S: a form component that writes fields N accepts only actions whose schema has them all.
 */
export type FormAction<F extends string = string> = ((
  previous: ActionState<F> | undefined,
  formData: FormData,
) => Promise<ActionState<F>>) & { readonly fieldNames?: (name: F) => void };

/** The field names of a form action. */
export type FieldOf<A> = A extends FormAction<infer F> ? F : never;

/**
 * Names a field of `action`'s form, checked against its schema: `const field = fieldsOf(action)` then
 * `<input name={field('email')} />`. Returns the name unchanged.
 */
export const fieldsOf =
  <F extends string>(_action: FormAction<F>) =>
  (name: F): F =>
    name;

/** A form's state before its first answer (assignable to every action's state). */
export const initialActionState: { ok: false; message: string } = { ok: false, message: '' };

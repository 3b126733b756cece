import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from 'react';

const control =
  'mt-1 block w-full rounded-md border border-line bg-white px-3 py-2 text-sm shadow-xs aria-[invalid=true]:border-danger';

/** `idPrefix` keeps ids unique when several forms on one page share field names. */
type FieldProps = { label: string; name: string; errors?: string[]; hint?: ReactNode; idPrefix?: string };

const fieldId = (name: string, idPrefix?: string) => (idPrefix ? `${idPrefix}-${name}` : name);

function FieldShell({ label, name, errors, hint, idPrefix, children }: FieldProps & { children: ReactNode }) {
  const id = fieldId(name, idPrefix);
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      {children}
      {hint ? <p className="text-xs text-muted">{hint}</p> : null}
      {errors?.length ? (
        <p id={`${id}-error`} className="text-xs text-danger">
          {errors.join(' ')}
        </p>
      ) : null}
    </div>
  );
}

const aria = (id: string, errors?: string[]) =>
  errors?.length ? { 'aria-invalid': true, 'aria-describedby': `${id}-error` } : {};

export function TextField({
  label,
  name,
  errors,
  hint,
  idPrefix,
  ...props
}: FieldProps & InputHTMLAttributes<HTMLInputElement>) {
  const id = fieldId(name, idPrefix);
  return (
    <FieldShell label={label} name={name} errors={errors} hint={hint} idPrefix={idPrefix}>
      <input id={id} name={name} className={control} {...aria(id, errors)} {...props} />
    </FieldShell>
  );
}

export function TextAreaField({
  label,
  name,
  errors,
  hint,
  idPrefix,
  ...props
}: FieldProps & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  const id = fieldId(name, idPrefix);
  return (
    <FieldShell label={label} name={name} errors={errors} hint={hint} idPrefix={idPrefix}>
      <textarea id={id} name={name} className={`${control} min-h-32`} {...aria(id, errors)} {...props} />
    </FieldShell>
  );
}

export function SelectField({
  label,
  name,
  errors,
  hint,
  options,
  idPrefix,
  ...props
}: FieldProps & SelectHTMLAttributes<HTMLSelectElement> & { options: { value: string; label: string }[] }) {
  const id = fieldId(name, idPrefix);
  return (
    <FieldShell label={label} name={name} errors={errors} hint={hint} idPrefix={idPrefix}>
      <select id={id} name={name} className={control} {...aria(id, errors)} {...props}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldShell>
  );
}

export function CheckboxField({
  label,
  name,
  value,
  idPrefix,
  ...props
}: { label: string; name: string; value?: string; idPrefix?: string } & InputHTMLAttributes<HTMLInputElement>) {
  const id = fieldId(value ? `${name}-${value}` : name, idPrefix);
  return (
    <label htmlFor={id} className="flex items-center gap-2 text-sm">
      <input
        id={id}
        type="checkbox"
        name={name}
        value={value ?? 'on'}
        className="size-4 rounded border-line"
        {...props}
      />
      {label}
    </label>
  );
}

import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from 'react';

const control =
  'mt-1 block w-full rounded-md border border-line bg-white px-3 py-2 text-sm shadow-xs aria-[invalid=true]:border-danger';

type FieldProps = { label: string; name: string; errors?: string[]; hint?: ReactNode };

function FieldShell({ label, name, errors, hint, children }: FieldProps & { children: ReactNode }) {
  return (
    <div className="space-y-1">
      <label htmlFor={name} className="block text-sm font-medium">
        {label}
      </label>
      {children}
      {hint ? <p className="text-xs text-muted">{hint}</p> : null}
      {errors?.length ? (
        <p id={`${name}-error`} className="text-xs text-danger">
          {errors.join(' ')}
        </p>
      ) : null}
    </div>
  );
}

const aria = (name: string, errors?: string[]) =>
  errors?.length ? { 'aria-invalid': true, 'aria-describedby': `${name}-error` } : {};

export function TextField({ label, name, errors, hint, ...props }: FieldProps & InputHTMLAttributes<HTMLInputElement>) {
  return (
    <FieldShell label={label} name={name} errors={errors} hint={hint}>
      <input id={name} name={name} className={control} {...aria(name, errors)} {...props} />
    </FieldShell>
  );
}

export function TextAreaField({ label, name, errors, hint, ...props }: FieldProps & TextareaHTMLAttributes<HTMLTextAreaElement>) {
  return (
    <FieldShell label={label} name={name} errors={errors} hint={hint}>
      <textarea id={name} name={name} className={`${control} min-h-32`} {...aria(name, errors)} {...props} />
    </FieldShell>
  );
}

export function SelectField({
  label,
  name,
  errors,
  hint,
  options,
  ...props
}: FieldProps & SelectHTMLAttributes<HTMLSelectElement> & { options: { value: string; label: string }[] }) {
  return (
    <FieldShell label={label} name={name} errors={errors} hint={hint}>
      <select id={name} name={name} className={control} {...aria(name, errors)} {...props}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldShell>
  );
}

export function CheckboxField({ label, name, value, ...props }: { label: string; name: string; value?: string } & InputHTMLAttributes<HTMLInputElement>) {
  const id = value ? `${name}-${value}` : name;
  return (
    <label htmlFor={id} className="flex items-center gap-2 text-sm">
      <input id={id} type="checkbox" name={name} value={value ?? 'on'} className="size-4 rounded border-line" {...props} />
      {label}
    </label>
  );
}

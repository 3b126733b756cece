import { describe, expect, it } from 'vitest';
import { formDataToObject, unstorableFieldErrors } from '@/lib/actions/form-data';

describe('formDataToObject', () => {
  it('reads field names literally, even the names of Object.prototype members', () => {
    const form = new FormData();
    for (const name of ['toString', 'constructor', '__proto__', 'hasOwnProperty']) form.append(name, 'x');
    const fields = formDataToObject(form);
    expect(Object.keys(fields).sort()).toEqual(['__proto__', 'constructor', 'hasOwnProperty', 'toString']);
    expect(Object.getPrototypeOf(fields)).toBe(Object.prototype);
  });

  it('turns repeated fields into arrays, skips framework fields, and reads anything but a form as empty', () => {
    const form = new FormData();
    form.append('scopes', 'creative');
    form.append('scopes', 'logistics');
    form.append('$ACTION_ID_abc', '');
    expect(formDataToObject(form)).toEqual({ scopes: ['creative', 'logistics'] });
    for (const notAForm of [undefined, null, 'text', 42, {}, []]) expect(formDataToObject(notAForm)).toEqual({});
  });
});

describe('unstorableFieldErrors', () => {
  it('names each field holding a NUL character, which PostgreSQL text cannot store', () => {
    expect(unstorableFieldErrors({ name: 'Ada', email: 'a@b.test' })).toBeNull();
    expect(unstorableFieldErrors({ name: 'A\u0000da', scopes: ['creative', 'x\u0000'], email: 'a@b.test' })).toEqual({
      name: ['Remove the invisible control character from this field.'],
      scopes: ['Remove the invisible control character from this field.'],
    });
  });
});

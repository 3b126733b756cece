'use client';

import { useEffect, useState, useTransition, type FormEvent } from 'react';
import { TextField } from '@/components/ui/field';
import { FormStatus } from '@/components/ui/form-status';
import { Button } from '@/components/ui/button';
import { fieldsOf, initialActionState, type ActionState, type FieldOf } from '@/lib/actions/action-state';
import { revealSecretAction } from '../actions';

/** How long a revealed value stays on screen. */
const SHOW_SECONDS = 30;
const MASK = '••••••••••••';
/** The form's field names, checked against the action's schema. */
const field = fieldsOf(revealSecretAction);

/**
 * A credentials item's value, masked. Revealing asks for the user's password (or a TOTP code) and a reason; the server
 * answers with that one value, which is shown for 30 seconds and then dropped from the page's memory.
 */
export function RevealSecret({ itemId, acceptsCode }: { itemId: string; acceptsCode: boolean }) {
  const [state, setState] = useState<ActionState<FieldOf<typeof revealSecretAction>>>(initialActionState);
  // A new object on every reveal, so revealing the same value again restarts the 30 seconds.
  const [shown, setShown] = useState<{ value: string } | null>(null);
  const [secondsLeft, setSecondsLeft] = useState(0);
  const [pending, startTransition] = useTransition();
  const value = shown?.value ?? null;

  useEffect(() => {
    if (shown === null) return;
    // One timer hides the value (however slow rendering is); the countdown is only a display.
    const hideAt = Date.now() + SHOW_SECONDS * 1000;
    const countdown = setInterval(() => setSecondsLeft(Math.max(0, Math.ceil((hideAt - Date.now()) / 1000))), 1000);
    const hide = setTimeout(() => {
      setShown(null);
      setState({ ok: true, message: 'Hidden again.' });
    }, SHOW_SECONDS * 1000);
    return () => {
      clearInterval(countdown);
      clearTimeout(hide);
    };
  }, [shown]);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const formData = new FormData(form);
    startTransition(async () => {
      // Called directly rather than through useActionState, so the value lives only in `shown`.
      const result = await revealSecretAction(undefined, formData);
      const password = form.elements.namedItem(field('password'));
      if (password instanceof HTMLInputElement) password.value = '';
      setState({ ok: result.ok, message: result.message, fieldErrors: result.fieldErrors });
      const revealed = result.ok ? result.data?.value : undefined;
      if (revealed !== undefined) {
        form.reset();
        setSecondsLeft(SHOW_SECONDS);
        setShown({ value: revealed });
      }
    });
  }

  function hide() {
    setShown(null);
    setState({ ok: true, message: 'Hidden again.' });
  }

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center gap-3">
        <code
          data-testid="secret-value"
          className="rounded-md bg-paper px-3 py-2 font-mono text-sm break-all"
          aria-label={value === null ? 'Value hidden' : 'Revealed value'}
        >
          {value ?? MASK}
        </code>
        {value !== null ? (
          <>
            <span className="text-xs text-muted" data-testid="secret-countdown">
              Hides in {secondsLeft} s
            </span>
            <Button type="button" variant="secondary" onClick={hide}>
              Hide now
            </Button>
          </>
        ) : null}
      </div>
      <form onSubmit={submit} className="space-y-3" noValidate>
        <input type="hidden" name={field('itemId')} value={itemId} />
        <TextField
          label={acceptsCode ? 'Your password or authentication code' : 'Your password'}
          name={field('password')}
          type="password"
          autoComplete="current-password"
          idPrefix="reveal"
          errors={state.fieldErrors?.password}
          required
        />
        <TextField
          label="Reason"
          name={field('reason')}
          idPrefix="reveal"
          hint="Why you need the value now. It is recorded with the reveal, and the client can see it."
          errors={state.fieldErrors?.reason}
          maxLength={500}
          required
        />
        <FormStatus state={state} />
        <Button type="submit" disabled={pending} aria-disabled={pending}>
          {pending ? 'Checking…' : 'Reveal'}
        </Button>
      </form>
    </div>
  );
}

'use client';

import { useId, useRef, useState } from 'react';
import { useFormStatus } from 'react-dom';
import { Markdown } from '@/components/privacy/markdown';
import { Button } from './button';

/** What a confirmation says: the act in one question, what follows and for whom, and the confirming verb. */
export type ConfirmSpec = {
  title: string;
  description: string;
  confirmLabel: string;
  /** A form field (Markdown) shown as the dialog's preview: what will be published, exactly. */
  previewField?: string;
};

type Props = {
  confirm: ConfirmSpec;
  children: React.ReactNode;
  pendingLabel?: string;
  variant?: 'primary' | 'secondary' | 'danger';
};

/**
 * The submit button of a form whose act cannot be undone: it opens a modal dialog (native <dialog>, so the
 * page behind is inert and Escape cancels) that names the act; focus starts on Cancel, and only the dialog's
 * own button submits the form.
 */
export function ConfirmSubmit({ confirm, children, pendingLabel, variant }: Props) {
  const { pending } = useFormStatus();
  const dialog = useRef<HTMLDialogElement>(null);
  const [preview, setPreview] = useState('');
  const id = useId();

  const open = () => {
    const form = dialog.current?.closest('form');
    if (confirm.previewField && form) {
      const field = form.elements.namedItem(confirm.previewField);
      setPreview(field && 'value' in field ? String(field.value) : '');
    }
    dialog.current?.showModal();
    // Cancel is the default: Enter or a stray click confirms nothing.
    dialog.current?.querySelector<HTMLButtonElement>('[data-cancel]')?.focus();
  };

  return (
    <>
      <Button
        type="button"
        variant={variant}
        disabled={pending}
        aria-disabled={pending}
        aria-haspopup="dialog"
        onClick={open}
      >
        {pending ? (pendingLabel ?? 'Working…') : children}
      </Button>
      <dialog
        ref={dialog}
        aria-labelledby={`${id}-title`}
        aria-describedby={`${id}-description`}
        className="m-auto w-[min(36rem,calc(100vw-2rem))] rounded-lg border border-line bg-white p-0 text-left text-ink shadow-xl backdrop:bg-ink/40"
      >
        <div className="space-y-4 p-5">
          <h2 id={`${id}-title`} className="text-base font-semibold">
            {confirm.title}
          </h2>
          <p id={`${id}-description`} className="whitespace-pre-line text-sm text-muted">
            {confirm.description}
          </p>
          {confirm.previewField ? (
            <section
              aria-label="Preview"
              tabIndex={0}
              className="max-h-[50vh] overflow-auto rounded-md border border-line bg-paper p-3"
              data-testid="confirm-preview"
            >
              {preview.trim() ? (
                <Markdown source={preview} />
              ) : (
                <p className="text-sm text-muted">The text is empty.</p>
              )}
            </section>
          ) : null}
          <div className="flex flex-wrap justify-end gap-2">
            <Button type="button" variant="secondary" data-cancel onClick={() => dialog.current?.close()}>
              Cancel
            </Button>
            <Button
              type="submit"
              variant={variant === 'danger' ? 'danger' : 'primary'}
              onClick={() => dialog.current?.close()}
            >
              {confirm.confirmLabel}
            </Button>
          </div>
        </div>
      </dialog>
    </>
  );
}

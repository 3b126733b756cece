'use client';

import { useState } from 'react';

const newKey = () => crypto.randomUUID().replaceAll('-', '');

/**
 * The hidden one-time key of a create form (lib/actions/run-once.ts): the same for every retry of one
 * submission, so a resend after a lost answer or a double click creates nothing twice; a new one once the
 * form has its answer, so the next create is a new one. `answer` is the form's action state.
 */
export function IdempotencyKey({ answer }: { answer: unknown }) {
  const [key, setKey] = useState(newKey);
  const [seen, setSeen] = useState(answer);
  // A new answer is a new submission: the key changes while rendering (React's pattern for state that follows a prop).
  if (answer !== seen) {
    setSeen(answer);
    setKey(newKey());
  }
  return <input type="hidden" name="idempotencyKey" value={key} />;
}

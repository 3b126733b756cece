import { Badge, Card } from '@/components/ui/card';
import type { AccessExplanation } from '@/lib/dal/memberships/explain-access';

const control = 'mt-1 block w-full rounded-md border border-line bg-white px-3 py-2 text-sm';

type Props = {
  options: { items: { id: string; label: string }[]; people: { id: string; label: string }[] };
  selected: { itemId: string; userId: string };
  explanation: AccessExplanation | null;
};

/** "Explain access": pick an item (by reference) and a person; see which rule of docs/product.md §4 decided, and what is missing. */
export function ExplainPanel({ options, selected, explanation }: Props) {
  return (
    <Card title="Explain access">
      <form method="get" aria-label="Explain access" className="space-y-3">
        <div className="block text-sm font-medium">
          <label htmlFor="explain-item">Item</label>
          <select id="explain-item" name="explainItem" defaultValue={selected.itemId} className={control}>
            {options.items.map((i) => (
              <option key={i.id} value={i.id}>
                {i.label}
              </option>
            ))}
          </select>
        </div>
        <div className="block text-sm font-medium">
          <label htmlFor="explain-user">Person</label>
          <select id="explain-user" name="explainUser" defaultValue={selected.userId} className={control}>
            {options.people.map((p) => (
              <option key={p.id} value={p.id}>
                {p.label}
              </option>
            ))}
          </select>
        </div>
        <button
          type="submit"
          className="rounded-md border border-line bg-white px-3.5 py-2 text-sm font-medium hover:bg-paper"
        >
          Explain
        </button>
      </form>
      {explanation ? (
        <div className="mt-4 space-y-3 border-t border-line pt-4 text-sm" data-testid="explanation" aria-live="polite">
          <p>
            <span className="font-medium">{explanation.person}</span> {explanation.allowed ? 'can' : 'cannot'} read{' '}
            <span className="font-medium">{explanation.item}</span>.{' '}
            <Badge tone={explanation.allowed ? 'accent' : 'danger'}>
              {explanation.allowed ? 'allowed' : `denied: ${explanation.reason}`}
            </Badge>
          </p>
          <p className="text-muted">Decided by {explanation.rule}</p>
          <ul className="space-y-1">
            {explanation.steps.map((s) => (
              <li key={s.check}>
                <span aria-hidden="true">{s.ok ? '✓' : '✗'}</span> <span className="font-medium">{s.check}</span>:{' '}
                {s.detail}
              </li>
            ))}
          </ul>
          {explanation.missing.length ? <p data-testid="missing">Missing: {explanation.missing.join(', ')}.</p> : null}
        </div>
      ) : null}
    </Card>
  );
}

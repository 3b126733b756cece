import { Cell, Table } from '@/components/ui/table';
import type { DeletionReceipt } from '@/lib/privacy/receipt';

/** A deletion receipt: per table, what was removed, de-identified or kept, and why. */
export function ReceiptTable({ receipt }: { receipt: DeletionReceipt }) {
  return (
    <div className="space-y-2">
      <p className="text-xs text-muted">
        Completed {receipt.completedAt.replace('T', ' ').slice(0, 16)} UTC · pseudonymous id{' '}
        <code>{receipt.subjectRef}</code>
      </p>
      <Table caption="Deletion receipt" headers={['Records', 'Outcome', 'Count', 'Why']}>
        {receipt.tables.map((t) => (
          <tr key={t.table}>
            <Cell className="font-medium">{t.table}</Cell>
            <Cell>{t.outcome}</Cell>
            <Cell>{t.count}</Cell>
            <Cell className="text-muted">{t.why}</Cell>
          </tr>
        ))}
      </Table>
    </div>
  );
}

import { ActionForm } from '@/components/forms/action-form';
import { Card } from '@/components/ui/card';
import { zeroAssociationText } from '@/lib/public-use/texts';
import { demandZeroAssociationAction, withdrawZeroAssociationAction } from './actions';

const consent = (label: string) => ({
  kind: 'checkboxes' as const,
  name: 'consent' as const,
  label: 'Consent',
  options: [{ value: 'on', label }],
});

/** Zero public association: signed like an authorization, by typing one's full name and consenting. */
export function ZeroAssociationCard({
  account,
  signer,
}: {
  account: { id: string; name: string; zeroPublicAssociation: boolean };
  signer: string;
}) {
  const text = zeroAssociationText(account.name, signer);
  return (
    <Card title="Zero public association">
      {account.zeroPublicAssociation ? (
        <div className="space-y-3">
          <p className="text-sm" data-testid="zero-association-state">
            <span className="font-medium">On.</span> MM Group may make no public association with {account.name}: no
            portfolio, case study, testimonial or public reference, and no authorization can be requested.
          </p>
          <details className="rounded-md border border-line p-3">
            <summary className="cursor-pointer text-sm font-medium">Withdraw the demand</summary>
            <div className="mt-3">
              <ActionForm
                label="Withdraw zero public association"
                action={withdrawZeroAssociationAction}
                submitLabel="Withdraw"
                variant="secondary"
                fields={[
                  { kind: 'hidden', name: 'clientAccountId', value: account.id },
                  { kind: 'text', name: 'fullName', label: 'Your full name', required: true },
                  consent('I withdraw my demand of zero public association. Ended public uses stay ended.'),
                ]}
              />
            </div>
          </details>
        </div>
      ) : (
        <div className="space-y-3">
          <p className="text-sm text-muted">
            Off. You can demand that MM Group never associate you publicly. Signing this ends every public use at once.
          </p>
          <pre
            className="whitespace-pre-wrap rounded-md bg-paper p-3 font-sans text-sm"
            data-testid="zero-association-text"
          >
            {text}
          </pre>
          <ActionForm
            label="Demand zero public association"
            action={demandZeroAssociationAction}
            submitLabel="Sign the demand"
            variant="danger"
            fields={[
              { kind: 'hidden', name: 'clientAccountId', value: account.id },
              {
                kind: 'text',
                name: 'fullName',
                label: 'Your full name',
                hint: 'Type it exactly as on your account.',
                required: true,
              },
              consent('I have read the text above and sign it.'),
            ]}
          />
        </div>
      )}
    </Card>
  );
}

/** Recovery codes, shown once right after they are made: each works one time, in place of a code from the app. */
export function RecoveryCodes({ codes }: { codes: string[] }) {
  return (
    <div className="space-y-2 rounded-md border border-amber-300 bg-amber-50 p-4 text-sm">
      <p className="font-medium">Save your recovery codes now. They will not be shown again.</p>
      <p className="text-muted">
        Each one signs you in once if you lose your authenticator app. Keep them somewhere safe.
      </p>
      <ul data-testid="recovery-codes" aria-label="Recovery codes" className="grid grid-cols-2 gap-1 font-mono">
        {codes.map((code) => (
          <li key={code}>{code}</li>
        ))}
      </ul>
    </div>
  );
}

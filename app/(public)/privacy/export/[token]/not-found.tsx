/** An export link that is unknown, used or expired: one answer for each (HTTP 404), in plain words. */
export default function ExportLinkNotFound() {
  return (
    <div className="max-w-xl space-y-4">
      <h1 className="text-2xl font-semibold tracking-tight">Your data from Clearance</h1>
      <p className="text-sm" role="status">
        This download link is not valid any more: it was already used, or it has expired. Make a new request to get a
        fresh copy.
      </p>
    </div>
  );
}

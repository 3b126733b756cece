import Link from 'next/link';

// The signed-in 404: drawn inside the portal's own <main>, so it is a plain section (one <main> per page).
// The same page for a missing resource and a denied one: it says nothing about whether the thing exists.
export default function PortalNotFound() {
  return (
    <div className="mx-auto flex min-h-[50vh] max-w-md flex-col justify-center text-center">
      <h1 className="text-2xl font-semibold">Not found</h1>
      <p className="mt-2 text-sm text-muted">There is nothing here, or nothing you are cleared to see.</p>
      <p className="mt-6 text-sm">
        <Link href="/" className="text-accent hover:underline">
          Back to your projects
        </Link>
      </p>
    </div>
  );
}

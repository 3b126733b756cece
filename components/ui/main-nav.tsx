'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { useEffect, useId, useRef, useState } from 'react';

export type NavLink = { href: string; label: string };

/**
 * The portal's main navigation (issue 16). On a laptop the everyday links sit in the header and the /admin pages
 * fold into an "Administration" menu, so the header stays on one line; on a phone (below lg) everything folds
 * behind one "Menu" button, with `extra` (account links that the header shows elsewhere on a laptop) at the end.
 * Both close on Escape, on a click elsewhere and after navigating.
 */
export function MainNav({ links, extra = [] }: { links: NavLink[]; extra?: NavLink[] }) {
  const pathname = usePathname();
  const [open, setOpen] = useState(false);
  const [adminOpen, setAdminOpen] = useState(false);
  const nav = useRef<HTMLElement>(null);
  const id = useId();
  const everyday = links.filter((l) => !l.href.startsWith('/admin'));
  const admin = links.filter((l) => l.href.startsWith('/admin'));

  // Menus close on navigation: while rendering the new path (React's pattern for state that follows a prop).
  const [shownPath, setShownPath] = useState(pathname);
  if (pathname !== shownPath) {
    setShownPath(pathname);
    setOpen(false);
    setAdminOpen(false);
  }

  useEffect(() => {
    if (!open && !adminOpen) return;
    const close = (event: Event) => {
      if (event instanceof KeyboardEvent ? event.key === 'Escape' : !nav.current?.contains(event.target as Node)) {
        setOpen(false);
        setAdminOpen(false);
      }
    };
    document.addEventListener('keydown', close);
    document.addEventListener('click', close);
    return () => {
      document.removeEventListener('keydown', close);
      document.removeEventListener('click', close);
    };
  }, [open, adminOpen]);

  const current = (href: string) =>
    href === '/' ? pathname === '/' : pathname === href || pathname.startsWith(`${href}/`);
  const linkClass = (href: string) =>
    `block rounded-md px-2 py-1.5 hover:text-ink lg:px-0 lg:py-0 ${current(href) ? 'font-medium text-ink' : 'text-muted'}`;

  return (
    <nav ref={nav} aria-label="Main" className="text-sm">
      <button
        type="button"
        className="rounded-md border border-line px-2.5 py-1 text-sm hover:bg-paper lg:hidden"
        aria-expanded={open}
        aria-controls={`${id}-menu`}
        onClick={() => setOpen((o) => !o)}
      >
        Menu
      </button>
      <div
        id={`${id}-menu`}
        className={`${open ? 'block' : 'hidden'} absolute inset-x-0 top-full z-40 max-h-[calc(100vh-4rem)] overflow-y-auto border-b border-line bg-white px-4 py-3 shadow-lg lg:static lg:flex lg:max-h-none lg:items-center lg:gap-4 lg:overflow-visible lg:border-0 lg:p-0 lg:shadow-none`}
      >
        <ul className="space-y-0.5 lg:flex lg:items-center lg:gap-4 lg:space-y-0">
          {everyday.map((link) => (
            <li key={link.href}>
              <Link
                href={link.href}
                className={linkClass(link.href)}
                aria-current={current(link.href) ? 'page' : undefined}
              >
                {link.label}
              </Link>
            </li>
          ))}
        </ul>
        {admin.length > 0 ? (
          <div className="mt-2 border-t border-line pt-2 lg:relative lg:mt-0 lg:border-0 lg:pt-0">
            <p className="px-2 pb-1 text-xs font-medium uppercase tracking-wide text-muted lg:hidden">Administration</p>
            <button
              type="button"
              className={`hidden items-center gap-1 hover:text-ink lg:inline-flex ${admin.some((l) => current(l.href)) ? 'font-medium text-ink' : 'text-muted'}`}
              aria-expanded={adminOpen}
              aria-controls={`${id}-admin`}
              onClick={() => setAdminOpen((o) => !o)}
            >
              Administration
              <svg aria-hidden="true" viewBox="0 0 20 20" className="size-4" fill="currentColor">
                <path
                  d="M5.5 7.5 10 12l4.5-4.5"
                  fill="none"
                  stroke="currentColor"
                  strokeWidth="1.6"
                  strokeLinecap="round"
                  strokeLinejoin="round"
                />
              </svg>
            </button>
            <ul
              id={`${id}-admin`}
              className={`grid grid-cols-2 gap-0.5 lg:absolute lg:left-0 lg:top-full lg:z-40 lg:mt-2 lg:w-56 lg:grid-cols-1 lg:rounded-md lg:border lg:border-line lg:bg-white lg:p-2 lg:shadow-lg ${adminOpen ? '' : 'lg:hidden'}`}
            >
              {admin.map((link) => (
                <li key={link.href}>
                  <Link
                    href={link.href}
                    className={`${linkClass(link.href)} lg:px-2 lg:py-1.5`}
                    aria-current={current(link.href) ? 'page' : undefined}
                  >
                    {link.label}
                  </Link>
                </li>
              ))}
            </ul>
          </div>
        ) : null}
        {extra.length > 0 ? (
          <ul className="mt-2 space-y-0.5 border-t border-line pt-2 lg:hidden">
            {extra.map((link) => (
              <li key={link.href}>
                <Link href={link.href} className={linkClass(link.href)}>
                  {link.label}
                </Link>
              </li>
            ))}
          </ul>
        ) : null}
      </div>
    </nav>
  );
}

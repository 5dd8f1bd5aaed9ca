// A minimal client-side router for one portal (History API). The server answers every
// extension-less path under /customer/ with customer/index.html, so deep links and reloads work.
import type { ComponentChildren, JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';

const listeners = new Set<() => void>();

export function navigate(path: string, { replace = false } = {}) {
  if (path === location.pathname + location.search) return;
  if (replace) history.replaceState(null, '', path);
  else history.pushState(null, '', path);
  for (const l of listeners) l();
  // Move focus to the new page's main region for screen-reader and keyboard users.
  requestAnimationFrame(() => document.getElementById('main')?.focus({ preventScroll: false }));
  window.scrollTo(0, 0);
}

/** The current path; re-renders on navigate() and on the browser's back/forward. */
export function usePath(): string {
  const [path, setPath] = useState(location.pathname);
  useEffect(() => {
    const update = () => setPath(location.pathname);
    listeners.add(update);
    addEventListener('popstate', update);
    // A child's effect may have navigated before this one subscribed (child effects run first).
    update();
    return () => {
      listeners.delete(update);
      removeEventListener('popstate', update);
    };
  }, []);
  return path;
}

export interface LinkProps extends JSX.AnchorHTMLAttributes<HTMLAnchorElement> {
  href: string;
  children: ComponentChildren;
}

/** An in-portal link: a real <a href> (works without JS, opens in new tabs) routed client-side. */
export function Link({ href, children, ...rest }: LinkProps) {
  const current = usePath() === href;
  return (
    <a
      {...rest}
      href={href}
      aria-current={current ? 'page' : undefined}
      onClick={(e) => {
        if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey)
          return;
        e.preventDefault();
        navigate(href);
      }}
    >
      {children}
    </a>
  );
}

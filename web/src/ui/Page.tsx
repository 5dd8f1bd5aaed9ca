import type { ComponentChildren } from 'preact';
import { useEffect } from 'preact/hooks';
import './styles.css';

export interface PageProps {
  /** The page's heading and the first part of the document title. */
  title: string;
  /** Portal name after the brand, e.g. "Customer". */
  portal?: string;
  /** Navigation links (a list of <li>). */
  nav?: ComponentChildren;
  /** Narrow column for forms. */
  narrow?: boolean;
  children: ComponentChildren;
}

/** Every page: skip link, header with brand and navigation, one <main> with the <h1>, footer. */
export function Page({ title, portal, nav, narrow = false, children }: PageProps) {
  useEffect(() => {
    document.title = portal ? `${title} · ReskFlow ${portal}` : `${title} · ReskFlow`;
  }, [title, portal]);
  return (
    <>
      <a class="skip-link" href="#main">
        Skip to content
      </a>
      <header class="page-header">
        <div class="page-header-inner">
          <a class="brand" href="/">
            ReskFlow{portal && <span> {portal}</span>}
          </a>
          {nav && (
            <nav class="page-nav" aria-label="Main">
              <ul>{nav}</ul>
            </nav>
          )}
        </div>
      </header>
      <main id="main" class={`page-main${narrow ? ' page-narrow' : ''}`} tabIndex={-1}>
        <h1>{title}</h1>
        {children}
      </main>
      <footer class="page-footer">
        <div class="page-footer-inner">
          <p>ReskFlow — delivery management. <a href="/docs/">API reference</a></p>
        </div>
      </footer>
    </>
  );
}

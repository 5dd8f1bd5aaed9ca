// Pages loaded with import() the first time they are shown, so a portal's first page does not
// carry the code of pages most visits never open (checkout, order tracking, the order queue).
import type { ComponentType, FunctionComponent } from 'preact';
import { useEffect, useState } from 'preact/hooks';

/**
 * A component standing for the one `load` resolves to. Until the chunk arrives it renders
 * nothing (one round trip on the same host); after that the component itself, at once.
 */
export function lazyPage<P extends object>(load: () => Promise<ComponentType<P>>): FunctionComponent<P> {
  let loaded: ComponentType<P> | null = null;
  let loading: Promise<ComponentType<P>> | null = null;
  return function LazyPage(props: P) {
    const [component, setComponent] = useState<ComponentType<P> | null>(() => loaded);
    useEffect(() => {
      if (component) return;
      let live = true;
      loading ??= load().then((c) => (loaded = c));
      void loading.then((c) => live && setComponent(() => c));
      return () => {
        live = false;
      };
    }, []);
    const Shown = component;
    return Shown ? <Shown {...props} /> : null;
  };
}

import { useEffect } from 'react';
import { useLocation } from 'react-router';

/**
 * Brings the part of a page that the address's #fragment names into view, once the page's data
 * is there to show it (a link from a notification to one round of the inbox), and moves focus to
 * it so that keyboard and screen-reader users start there too.
 */
export function useHashTarget(ready: boolean): void {
  const { hash } = useLocation();
  useEffect(() => {
    if (!ready || hash.length < 2) return;
    const target = document.getElementById(decodeURIComponent(hash.slice(1)));
    if (!target) return;
    // A closed round sits in a folded part of the page: unfold it first.
    target.closest('details')?.setAttribute('open', '');
    if (!target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1');
    target.focus({ preventScroll: true });
    target.scrollIntoView({ block: 'start' });
  }, [ready, hash]);
}

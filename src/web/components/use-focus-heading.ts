import { useEffect, useRef } from 'react';
import { useLocation } from 'react-router';

/**
 * After in-app navigation, focus moves to the new page's h1, as it would after a full page load
 * for a screen reader; the first render keeps the browser's own focus.
 */
export function useFocusHeadingOnNavigate(): void {
  const { pathname } = useLocation();
  const isFirst = useRef(true);
  useEffect(() => {
    if (isFirst.current) {
      isFirst.current = false;
      return;
    }
    const frame = window.requestAnimationFrame(() => {
      const heading = document.querySelector<HTMLElement>('[data-page-heading]');
      heading?.focus({ preventScroll: false });
    });
    return () => {
      window.cancelAnimationFrame(frame);
    };
  }, [pathname]);
}

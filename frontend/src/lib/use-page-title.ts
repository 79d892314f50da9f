import { useEffect } from "react";

const SITE_NAME = "Support desk";

/** "People · Support desk": the tab and the screen reader say which page this is. */
export function usePageTitle(title: string | null) {
  useEffect(() => {
    document.title = title ? `${title} · ${SITE_NAME}` : SITE_NAME;
  }, [title]);
}

import { useEffect } from 'react';

export const PRODUCT_NAME = 'Canvas Admin';

/** Sets the tab title to "<page> · Canvas Admin" (or just the product name while the page title is unknown). */
export function useDocumentTitle(pageTitle: string | undefined): void {
  useEffect(() => {
    document.title = pageTitle ? `${pageTitle} · ${PRODUCT_NAME}` : PRODUCT_NAME;
  }, [pageTitle]);
}

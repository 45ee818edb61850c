// The blob: address of one kept file, once its bytes have come (null until then, or when missing).
import { useEffect, useState } from 'react';
import type { ContentUrls } from './contentUrls';

export function useContentUrl(urls: ContentUrls, hash: string | null): string | null {
  const [url, setUrl] = useState<{ hash: string; url: string } | null>(null);
  useEffect(() => {
    if (!hash) return;
    let live = true;
    urls.urlOf(hash).then(
      (u) => live && setUrl({ hash, url: u }),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [urls, hash]);
  return url && url.hash === hash ? url.url : null;
}

// The page shows a kept file through a blob: address made from its bytes (asked for by hash only,
// attachments.content), so no file path ever reaches the page and the CSP needs no new source.
// One cache per panel: each hash is fetched once while the panel is open, released when it closes.
import { api } from '../api';

export interface ContentUrls {
  urlOf(hash: string): Promise<string>;
  release(): void;
}

export function createContentUrls(): ContentUrls {
  const urls = new Map<string, Promise<string>>();
  return {
    urlOf(hash) {
      let url = urls.get(hash);
      if (!url) {
        url = api.attachments.content({ hash }).then(({ mime, data }) => {
          const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
          return URL.createObjectURL(new Blob([bytes], { type: mime }));
        });
        // A failed read is asked again next time rather than remembered.
        url.catch(() => urls.delete(hash));
        urls.set(hash, url);
      }
      return url;
    },
    release() {
      for (const url of urls.values()) void url.then((u) => URL.revokeObjectURL(u), () => undefined);
      urls.clear();
    },
  };
}

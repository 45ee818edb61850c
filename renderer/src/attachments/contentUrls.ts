// The page shows a kept file through a blob: address made from its bytes (asked for by hash only,
// attachments.content), so no file path ever reaches the page and the CSP needs no new source.
// One cache per panel: each hash is fetched once while the panel is open, released when it closes.
// A PDF's bytes are asked for as bytes (the viewer draws them; a blob: address cannot be fetched
// under the CSP's connect-src), each time, not kept.
import { api } from '../api';

export interface ContentUrls {
  urlOf(hash: string): Promise<string>;
  bytesOf(hash: string): Promise<Uint8Array<ArrayBuffer>>;
  release(): void;
}

function decode(base64: string): Uint8Array<ArrayBuffer> {
  return Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
}

export function createContentUrls(): ContentUrls {
  const urls = new Map<string, Promise<string>>();
  return {
    urlOf(hash) {
      let url = urls.get(hash);
      if (!url) {
        url = api.attachments.content({ hash }).then(({ mime, data }) => URL.createObjectURL(new Blob([decode(data)], { type: mime })));
        // A failed read is asked again next time rather than remembered.
        url.catch(() => urls.delete(hash));
        urls.set(hash, url);
      }
      return url;
    },
    bytesOf: (hash) => api.attachments.content({ hash }).then(({ data }) => decode(data)),
    release() {
      for (const url of urls.values()) void url.then((u) => URL.revokeObjectURL(u), () => undefined);
      urls.clear();
    },
  };
}

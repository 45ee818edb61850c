// Where the viewer goes from a photo of the gallery: the next or previous in the whole filtered
// set, round from the last to the first, and the page (of `pageSize`) that holds it.

export interface GalleryPlace {
  /** Position in the whole filtered set, from 0. */
  position: number;
  /** The page holding it, from 1. */
  page: number;
}

export function galleryStep(position: number, by: 1 | -1, total: number, pageSize: number): GalleryPlace | null {
  if (total <= 0 || position < 0) return null;
  const next = (((position + by) % total) + total) % total;
  return { position: next, page: Math.floor(next / pageSize) + 1 };
}

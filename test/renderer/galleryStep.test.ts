import { describe, expect, it } from 'vitest';
import { galleryStep } from '../../renderer/src/screens/gallery/galleryStep';

describe("the gallery viewer's next and previous", () => {
  it('crosses from the last photo of a page to the first of the next page, and back', () => {
    expect(galleryStep(47, 1, 2000, 48)).toEqual({ position: 48, page: 2 });
    expect(galleryStep(48, -1, 2000, 48)).toEqual({ position: 47, page: 1 });
    expect(galleryStep(10, 1, 2000, 48)).toEqual({ position: 11, page: 1 });
  });

  it('goes round the whole filtered set, not the page: after the last the first, before the first the last', () => {
    expect(galleryStep(1999, 1, 2000, 48)).toEqual({ position: 0, page: 1 });
    expect(galleryStep(0, -1, 2000, 48)).toEqual({ position: 1999, page: 42 });
    expect(galleryStep(0, 1, 1, 48)).toEqual({ position: 0, page: 1 });
  });

  it('goes nowhere in an empty set', () => {
    expect(galleryStep(0, 1, 0, 48)).toBeNull();
    expect(galleryStep(-1, 1, 5, 48)).toBeNull();
  });
});

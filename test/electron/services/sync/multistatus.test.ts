// PROPFIND answers as different servers spell them: namespace prefixes, absolute or path-only
// hrefs, encoded names, entities, a 404 propstat beside the 200 one. The folder asked about is
// left out; only its entries remain.
import { describe, expect, it } from 'vitest';
import { folderUrl, parseMultistatus, urlBelow } from '../../../../electron/services/sync/webdavClient';

const folder = new URL('https://dav.jianguoyun.com/dav/%E6%9D%91%E8%AE%B0/');

describe('parseMultistatus', () => {
  it('reads 坚果云-style answers (D: prefix, path hrefs)', () => {
    const xml = `<?xml version="1.0" encoding="UTF-8"?><d:multistatus xmlns:d="DAV:">
      <d:response><d:href>/dav/%E6%9D%91%E8%AE%B0/</d:href><d:propstat><d:prop><d:resourcetype><d:collection/></d:resourcetype></d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response>
      <d:response><d:href>/dav/%E6%9D%91%E8%AE%B0/0123456789abcdef/</d:href><d:propstat><d:prop><d:resourcetype><d:collection/></d:resourcetype></d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response>
      <d:response><d:href>/dav/%E6%9D%91%E8%AE%B0/readme%20first.txt</d:href><d:propstat><d:prop><d:resourcetype/><d:getcontentlength>42</d:getcontentlength></d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response>
    </d:multistatus>`;
    expect(parseMultistatus(xml, folder)).toEqual([
      { name: '0123456789abcdef', isCollection: true, size: null },
      { name: 'readme first.txt', isCollection: false, size: 42 },
    ]);
  });

  it('reads Apache-style answers (lp1: properties, absolute hrefs, a 404 propstat) and unprefixed ones', () => {
    const apache = `<D:multistatus xmlns:D="DAV:" xmlns:lp1="DAV:">
      <D:response><D:href>https://dav.jianguoyun.com/dav/%e6%9d%91%e8%ae%b0</D:href><D:propstat><D:prop><lp1:resourcetype><D:collection/></lp1:resourcetype></D:prop><D:status>HTTP/1.1 200 OK</D:status></D:propstat></D:response>
      <D:response><D:href>https://dav.jianguoyun.com/dav/%E6%9D%91%E8%AE%B0/a&amp;b.cunji</D:href>
        <D:propstat><D:prop><lp1:resourcetype/><lp1:getcontentlength>1234</lp1:getcontentlength></D:prop><D:status>HTTP/1.1 200 OK</D:status></D:propstat>
        <D:propstat><D:prop><D:getcontentlength>9</D:getcontentlength></D:prop><D:status>HTTP/1.1 404 Not Found</D:status></D:propstat></D:response>
    </D:multistatus>`;
    expect(parseMultistatus(apache, folder)).toEqual([{ name: 'a&b.cunji', isCollection: false, size: 1234 }]);
    const plain = `<multistatus xmlns="DAV:"><response><href>/dav/%E6%9D%91%E8%AE%B0/x.cunji.part</href><propstat><prop><resourcetype/></prop><status>HTTP/1.1 200 OK</status></propstat></response></multistatus>`;
    expect(parseMultistatus(plain, folder)).toEqual([{ name: 'x.cunji.part', isCollection: false, size: null }]);
  });

  it("keeps a file's ETag when the server gives one (a file rewritten under its name gets a new one)", () => {
    const xml = `<d:multistatus xmlns:d="DAV:"><d:response><d:href>/dav/%E6%9D%91%E8%AE%B0/a.cunji</d:href><d:propstat><d:prop><d:resourcetype/>
      <d:getcontentlength>7</d:getcontentlength><d:getetag>W/&quot;5f-1a&quot;</d:getetag></d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat></d:response></d:multistatus>`;
    expect(parseMultistatus(xml, folder)).toEqual([{ name: 'a.cunji', isCollection: false, size: 7, etag: 'W/"5f-1a"' }]);
  });

  it('returns nothing for an answer that is not a multistatus', () => {
    expect(parseMultistatus('<html>Service unavailable</html>', folder)).toEqual([]);
    expect(parseMultistatus('', folder)).toEqual([]);
  });
});

describe('URLs below a folder', () => {
  it('adds the folder slash and encodes each segment, so a name can never climb out', () => {
    const base = folderUrl('https://dav.jianguoyun.com/dav/村记');
    expect(base.pathname).toBe('/dav/%E6%9D%91%E8%AE%B0/');
    expect(urlBelow(base, ['0123456789abcdef', 'a b.cunji']).pathname).toBe('/dav/%E6%9D%91%E8%AE%B0/0123456789abcdef/a%20b.cunji');
    for (const bad of [['..', 'etc'], ['.'], ['a/b'], ['a\\b'], ['']]) expect(() => urlBelow(base, bad), JSON.stringify(bad)).toThrow(/Not a name inside/);
    expect(urlBelow(base, ['0123456789abcdef'], true).pathname).toBe('/dav/%E6%9D%91%E8%AE%B0/0123456789abcdef/');
  });
});

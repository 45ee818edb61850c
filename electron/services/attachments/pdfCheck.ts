// A conservative check that a PDF is a plain document: a byte scan of its objects (and of its
// compressed object streams, inflated within a bound) for the names that make a PDF act on its own
// — scripts, launching programs, embedded files, actions run on opening. It does not parse the PDF,
// so it may refuse a harmless file that merely mentions one of these names; it never runs anything.
import { inflateSync } from 'node:zlib';

/** What an object stream may inflate to, each and all together: a scanned form's objects are tiny. */
export const PDF_OBJSTM_MAX_BYTES = 16 * 1024 * 1024;
export const PDF_OBJSTM_TOTAL_MAX_BYTES = 64 * 1024 * 1024;

const ACTIVE_NAMES: Array<[RegExp, string]> = [
  [/\/JavaScript(?![A-Za-z0-9])/, 'JavaScript'],
  [/\/JS(?![A-Za-z0-9])/, 'a JS action'],
  [/\/Launch(?![A-Za-z0-9])/, 'a Launch action (it can start a program)'],
  [/\/EmbeddedFiles?(?![A-Za-z0-9])/, 'an embedded file'],
  // An open action that is a destination (`[page /Fit]`) only turns the page; anything else is an action.
  [/\/OpenAction(?!\s*\[)/, 'an action run on opening'],
  [/\/AA(?![A-Za-z0-9])/, 'additional actions run on events'],
  [/\/RichMedia(?![A-Za-z0-9])/, 'rich media (Flash or video with scripts)'],
  [/\/XFA(?![A-Za-z0-9])/, 'an XFA form (it can carry scripts)'],
];

/** `/J#61vaScript` is `/JavaScript` to a reader: undo the #xx escapes inside names before matching. */
function decodeNames(text: string): string {
  return text.replace(/\/[^\s/<>[\]()%{}]*#[0-9A-Fa-f]{2}[^\s/<>[\]()%{}]*/g, (name) =>
    name.replace(/#([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))),
  );
}

function findActive(text: string): string | null {
  const decoded = decodeNames(text);
  for (const [pattern, what] of ACTIVE_NAMES) if (pattern.test(decoded)) return what;
  return null;
}

/** Null when the PDF looks plain; else what was found, for the refusal message. */
export function findPdfActiveContent(bytes: Uint8Array): string | null {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('latin1');
  const found = findActive(text);
  if (found) return found;
  // Objects packed in compressed object streams (PDF 1.5+) are invisible to the byte scan above.
  let inflatedTotal = 0;
  // Any /ObjStm name, not only `/Type /ObjStm`: a comment may sit between the two names.
  const objStm = /\/ObjStm(?![A-Za-z0-9])/g;
  const countIn = (haystack: string) => haystack.match(objStm)?.length ?? 0;
  // A reader undoes `/Obj#53tm` too; one spelled that way would hide its stream from the loop below.
  if (countIn(decodeNames(text)) !== countIn(text)) return 'an object stream whose type is hidden by escapes';
  for (let match = objStm.exec(text); match; match = objStm.exec(text)) {
    const dictStart = text.lastIndexOf('obj', match.index);
    const streamAt = text.indexOf('stream', match.index);
    if (streamAt < 0) return 'a compressed object stream that cannot be read';
    const dict = text.slice(Math.max(0, dictStart), streamAt);
    let dataStart = streamAt + 'stream'.length;
    if (text[dataStart] === '\r') dataStart++;
    if (text[dataStart] === '\n') dataStart++;
    const end = text.indexOf('endstream', dataStart);
    const data = Buffer.from(bytes.subarray(dataStart, end < 0 ? bytes.length : end));
    // A PNG predictor would interleave a byte per row into the inflated objects, splitting names.
    if (/\/Predictor\s*(?:[2-9]|1\d)/.test(dict)) return 'a compressed object stream in an encoding this check cannot read';
    if (!/\/Filter\s*(\[\s*)?\/FlateDecode\s*\]?/.test(dict) || /\/Filter\s*\[[^\]]*\/[A-Za-z0-9]+\s*\/[A-Za-z0-9]/.test(dict)) {
      if (/\/Filter/.test(dict)) return 'a compressed object stream in an encoding this check cannot read';
      const inner = findActive(data.toString('latin1'));
      if (inner) return inner;
      continue;
    }
    let inflated: Buffer;
    try {
      inflated = inflateSync(data, { maxOutputLength: PDF_OBJSTM_MAX_BYTES, finishFlush: 2 /* Z_SYNC_FLUSH: tolerate a missing end */ });
    } catch {
      return 'a compressed object stream that does not inflate within the bound';
    }
    inflatedTotal += inflated.length;
    if (inflatedTotal > PDF_OBJSTM_TOTAL_MAX_BYTES) return 'compressed object streams larger than the bound';
    const inner = findActive(inflated.toString('latin1'));
    if (inner) return inner;
  }
  return null;
}

import { existsSync, readdirSync } from 'node:fs';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { AttachmentRefused, type AttachmentRefusalCode } from '../../../../electron/services/attachments/errors';
import { openFileStore } from '../../../../electron/services/attachments/fileStore';
import { DEFAULT_INGEST_LIMITS, ingestAttachment, type IngestInput } from '../../../../electron/services/attachments/ingest';
import { useTempDirs } from '../../../helpers/tempDir';
import { makeBombPng, makeObjStm, makePdf, makePhoto } from './makeFiles';

const tempDir = useTempDirs();

const SVG = Buffer.from('<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
const HTML = Buffer.from('<!DOCTYPE html><html><body><script>fetch("/api")</script></body></html>');
const EXE = Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200, 0x90)]);

async function refusedWith(input: IngestInput, limits = DEFAULT_INGEST_LIMITS): Promise<{ code: AttachmentRefusalCode; message: string; files: string[] }> {
  const store = openFileStore(tempDir());
  try {
    await ingestAttachment(store, input, limits);
  } catch (error) {
    if (!(error instanceof AttachmentRefused)) throw error;
    const files = existsSync(store.root) ? readdirSync(store.root, { recursive: true }).map(String) : [];
    return { code: error.code, message: error.message, files };
  }
  throw new Error(`${input.name} was accepted`);
}

describe('hostile and wrong files are refused with a named reason, and nothing is stored', () => {
  it.each<[string, () => Promise<IngestInput>, AttachmentRefusalCode, RegExp]>([
    ['an SVG (it can carry scripts)', async () => ({ bytes: SVG, name: 'logo.svg', declaredType: 'image/svg+xml' }), 'ATTACHMENT_TYPE', /SVG/],
    ['an SVG named as a JPEG', async () => ({ bytes: SVG, name: 'photo.jpg' }), 'ATTACHMENT_TYPE', /SVG/],
    ['an HTML page named as a PDF', async () => ({ bytes: HTML, name: 'invoice.pdf' }), 'ATTACHMENT_TYPE', /HTML/],
    ['a Windows program named as a photo', async () => ({ bytes: EXE, name: 'IMG_0002.jpg' }), 'ATTACHMENT_TYPE', /Windows program/],
    ['a JPEG named .pdf', async () => ({ bytes: await makePhoto({ width: 64, height: 48 }), name: 'scan.pdf' }), 'ATTACHMENT_TYPE', /named as \.pdf but its bytes are JPEG/],
    ['a JPEG declared as a PDF', async () => ({ bytes: await makePhoto({ width: 64, height: 48 }), name: 'scan.jpg', declaredType: 'application/pdf' }), 'ATTACHMENT_TYPE', /declared application\/pdf/],
    ['a PDF named with no type', async () => ({ bytes: makePdf(), name: 'scan' }), 'ATTACHMENT_TYPE', /no type/],
    ['a path climbing out of the folder', async () => ({ bytes: await makePhoto({ width: 64, height: 48 }), name: '../../cunji.sqlite.jpg' }), 'ATTACHMENT_NAME', /path/],
    ['a Windows path', async () => ({ bytes: makePdf(), name: 'C:\\Users\\a\\scan.pdf' }), 'ATTACHMENT_NAME', /path/],
    ['a drive-relative name', async () => ({ bytes: makePdf(), name: 'C:scan.pdf' }), 'ATTACHMENT_NAME', /drive/],
    ['a name with a control character', async () => ({ bytes: makePdf(), name: 'scan\n.pdf' }), 'ATTACHMENT_NAME', /control/],
    ['an empty file', async () => ({ bytes: Buffer.alloc(0), name: 'empty.jpg' }), 'ATTACHMENT_EMPTY', /empty/],
    ['a PNG whose header declares 100,000 × 100,000 pixels', async () => ({ bytes: makeBombPng(100_000, 100_000), name: 'bomb.png' }), 'ATTACHMENT_PIXELS', /100000 × 100000/],
    ['a truncated JPEG', async () => ({ bytes: (await makePhoto({ width: 640, height: 480, noise: true })).subarray(0, 4000), name: 'cut.jpg' }), 'ATTACHMENT_DECODE', /does not decode/],
    ['a PDF with JavaScript', async () => ({ bytes: makePdf({ catalogExtra: '/OpenAction 5 0 R ', extraObjects: ['<< /S /JavaScript /JS (app.alert(1)) >>'] }), name: 'a.pdf' }), 'ATTACHMENT_PDF_SCRIPT', /JavaScript|JS|action/],
    ['a PDF with a JS action only', async () => ({ bytes: makePdf({ extraObjects: ['<< /Type /Annot /A << /JS (x) >> >>'] }), name: 'a.pdf' }), 'ATTACHMENT_PDF_SCRIPT', /JS action/],
    ['a PDF with a hex-escaped /J#61vaScript', async () => ({ bytes: makePdf({ extraObjects: ['<< /S /J#61vaScript >>'] }), name: 'a.pdf' }), 'ATTACHMENT_PDF_SCRIPT', /JavaScript/],
    ['a PDF that launches a program', async () => ({ bytes: makePdf({ extraObjects: ['<< /Type /Annot /A << /S /Launch /F (cmd.exe) >> >>'] }), name: 'a.pdf' }), 'ATTACHMENT_PDF_SCRIPT', /Launch/],
    ['a PDF with an embedded file', async () => ({ bytes: makePdf({ catalogExtra: '/Names << /EmbeddedFiles 5 0 R >> ' , extraObjects: ['<< /Names [(x.exe) 6 0 R] >>'] }), name: 'a.pdf' }), 'ATTACHMENT_PDF_SCRIPT', /embedded file/],
    ['a PDF whose open action is an action, not a page', async () => ({ bytes: makePdf({ catalogExtra: '/OpenAction << /S /URI /URI (http://x) >> ' }), name: 'a.pdf' }), 'ATTACHMENT_PDF_SCRIPT', /on opening/],
    ['a PDF hiding JavaScript in a compressed object stream', async () => ({ bytes: makePdf({ extraObjects: [makeObjStm(['<< /S /JavaScript /JS (app.alert(1)) >>'])] }), name: 'a.pdf' }), 'ATTACHMENT_PDF_SCRIPT', /JavaScript/],
    ['a PDF whose object stream type is hex-escaped', async () => ({ bytes: makePdf({ extraObjects: [makeObjStm(['<< /S /JavaScript /JS (x) >>'], 10, '/Type /Obj#53tm')] }), name: 'a.pdf' }), 'ATTACHMENT_PDF_SCRIPT', /hidden by escapes/],
    ['a PDF with a comment between /Type and /ObjStm', async () => ({ bytes: makePdf({ extraObjects: [makeObjStm(['<< /S /Launch /F (cmd.exe) >>'], 10, '/Type %c\n/ObjStm')] }), name: 'a.pdf' }), 'ATTACHMENT_PDF_SCRIPT', /Launch/],
    ['a PDF whose object stream uses a PNG predictor', async () => ({ bytes: makePdf({ extraObjects: [makeObjStm(['<< /Type /Annot >>'], 10, '/Type /ObjStm /DecodeParms << /Predictor 12 /Columns 4 >>')] }), name: 'a.pdf' }), 'ATTACHMENT_PDF_SCRIPT', /cannot read/],
  ])('%s', async (_, input, code, message) => {
    const refused = await refusedWith(await input());
    expect(refused.code).toBe(code);
    expect(refused.message).toMatch(message);
    expect(refused.files).toEqual([]);
  });

  it('refuses a file larger than the bound before reading it', async () => {
    const pdf = makePdf();
    const refused = await refusedWith({ bytes: pdf, name: 'big.pdf' }, { ...DEFAULT_INGEST_LIMITS, maxBytes: pdf.length - 1 });
    expect(refused.code).toBe('ATTACHMENT_TOO_LARGE');
    expect(refused.files).toEqual([]);
  });

  it('refuses an ordinary photo above a lowered pixel bound, and the same photo passes at the bound', async () => {
    const photo = await makePhoto({ width: 300, height: 200 });
    const refused = await refusedWith({ bytes: photo, name: 'p.jpg' }, { ...DEFAULT_INGEST_LIMITS, maxPixels: 300 * 200 - 1 });
    expect(refused.code).toBe('ATTACHMENT_PIXELS');
    const store = openFileStore(tempDir());
    const meta = await ingestAttachment(store, { bytes: photo, name: 'p.jpg' }, { ...DEFAULT_INGEST_LIMITS, maxPixels: 300 * 200 });
    expect(meta.width).toBe(300);
  });

  it('lets a plain PDF through the same checks that refuse the hostile ones', async () => {
    const store = openFileStore(tempDir());
    const meta = await ingestAttachment(store, { bytes: makePdf({ extraObjects: [makeObjStm(['<< /Type /Annot /Subtype /Text >>'])] }), name: 'ok.pdf' });
    expect(store.has(meta.hash)).toBe(true);
  });

  it('is not fooled by a PNG renamed .jpg', async () => {
    const png = await sharp({ create: { width: 10, height: 10, channels: 3, background: '#000' } }).png().toBuffer();
    expect((await refusedWith({ bytes: png, name: 'x.jpg' })).code).toBe('ATTACHMENT_TYPE');
  });
});

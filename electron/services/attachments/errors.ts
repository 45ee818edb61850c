// Why an attachment was refused: one named code per reason, so the person (and a later sync
// report) can be told what was wrong with the file, and nothing is stored.
import type { AttachmentRefusalCode as ContractCode } from '../../../shared/domain/attachments';

export const ATTACHMENT_REFUSALS = [
  'ATTACHMENT_EMPTY', // no bytes at all
  'ATTACHMENT_NAME', // a path, a control character or no name where a file name belongs
  'ATTACHMENT_TYPE', // not JPEG, PNG, HEIC/HEIF or PDF by its bytes, or not what its name or type claims
  'ATTACHMENT_TOO_LARGE', // more bytes than the bound
  'ATTACHMENT_PIXELS', // an image whose header declares more pixels than the bound (decompression bomb)
  'ATTACHMENT_DECODE', // the bytes claim a type but do not decode as it (damaged, or a codec this platform lacks)
  'ATTACHMENT_PDF_SCRIPT', // a PDF with scripts, launch actions or embedded files
  'ATTACHMENT_HASH', // the bytes do not hash to the name they are kept or sent under
  'ATTACHMENT_MISSING', // no file is kept under that hash (yet: sync fetches it later)
  'ATTACHMENT_UNREADABLE', // the chosen path is not a file, or the computer would not let it be read
] as const;
export type AttachmentRefusalCode = (typeof ATTACHMENT_REFUSALS)[number];
// The contract names the same codes (shared/domain/attachments.ts), and the person's words come
// from there: a code added here alone, or there alone, fails tsc.
const SAME_CODES: [AttachmentRefusalCode] extends [ContractCode] ? ([ContractCode] extends [AttachmentRefusalCode] ? true : never) : never = true;
void SAME_CODES;

export class AttachmentRefused extends Error {
  readonly code: AttachmentRefusalCode;
  constructor(code: AttachmentRefusalCode, message: string) {
    super(message);
    this.name = 'AttachmentRefused';
    this.code = code;
  }
}

// Thumbnails drawn into a streamed sheet. exceljs's streaming WorkbookWriter keeps images (read
// from their files only when the zip is finished, so memory holds paths, not pictures) but its
// sheets cannot anchor them; this adds what the format asks for: one drawing part per sheet
// (`xl/drawings/drawingN.xml`, an anchor of a few hundred bytes per thumbnail, and its rels),
// the sheet's `<drawing r:id>` and the part's content type. Each thumbnail file is stored in the
// workbook once however many rows show it.
import type ExcelJS from 'exceljs';
import type { ReportPhotos } from '../../../shared/domain/reports';
import { THUMB_GAP_PX, thumbSize, type ThumbFiles } from './photos';

const DRAWING_REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/drawing';
const IMAGE_REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/image';
const DRAWING_TYPE = 'application/vnd.openxmlformats-officedocument.drawing+xml';
/** English Metric Units in a pixel at 96 dpi. */
const EMU = 9525;

/** The parts of exceljs's streaming writers this reaches into (not in its typings). */
interface ZipLike {
  append(source: string, options: { name: string }): void;
}
interface StreamingWorkbook {
  zip: ZipLike;
  addImage(image: { filename: string; extension: 'jpeg' }): number;
  getImage(id: number): { name: string };
}
interface StreamingSheet {
  id: number;
  _sheetRelsWriter: { addRelationship(rel: { Target: string; Type: string }): string };
  _writeRowBreaks(): void;
  stream: { write(text: string): void };
}

export interface SheetImages {
  /** Anchors the row's thumbnails in its cell (`row`, `column` 1-based), side by side; returns how many. */
  place(row: number, column: number, photos: ReportPhotos): number;
}

export interface WorkbookImages {
  /** Call before the sheet's first row; the drawing is written when the sheet is committed. */
  forSheet(sheet: ExcelJS.Worksheet): SheetImages;
}

const escapeXml = (text: string) => text.replace(/[<>&"]/g, (ch) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' })[ch]!);

export function workbookImages(workbook: ExcelJS.stream.xlsx.WorkbookWriter, files: ThumbFiles): WorkbookImages {
  const book = workbook as unknown as StreamingWorkbook;
  const mediaOf = new Map<string, string>(); // thumbnail hash → media name (image7.jpeg)
  const drawings: string[] = [];

  // The content types are written once, at the workbook's commit: the drawing parts join them there.
  const zip = book.zip;
  const append = zip.append.bind(zip);
  zip.append = (source, options) => {
    if (options.name === '[Content_Types].xml' && typeof source === 'string' && drawings.length > 0) {
      const overrides = drawings.map((name) => `<Override PartName="/xl/drawings/${name}.xml" ContentType="${DRAWING_TYPE}"/>`).join('');
      source = source.replace('</Types>', `${overrides}</Types>`);
    }
    append(source, options);
  };

  function mediaName(hash: string): string | null {
    let name = mediaOf.get(hash);
    if (name) return name;
    const path = files.pathOf(hash);
    if (!path) return null;
    name = book.getImage(book.addImage({ filename: path, extension: 'jpeg' })).name;
    mediaOf.set(hash, name);
    return name;
  }

  return {
    forSheet(worksheet) {
      const sheet = worksheet as unknown as StreamingSheet;
      const drawingName = `drawing${sheet.id}`;
      const anchors: string[] = [];
      const rels = new Map<string, string>(); // media name → rId in the drawing's rels

      // Excel wants <drawing> after the page setup, header/footer and row breaks, before any legacy drawing.
      const writeRowBreaks = sheet._writeRowBreaks.bind(sheet);
      sheet._writeRowBreaks = () => {
        writeRowBreaks();
        if (anchors.length === 0) return;
        const rId = sheet._sheetRelsWriter.addRelationship({ Target: `../drawings/${drawingName}.xml`, Type: DRAWING_REL });
        sheet.stream.write(`<drawing r:id="${rId}"/>`);
        drawings.push(drawingName);
        append(
          '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" ' +
            `xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">${anchors.join('')}</xdr:wsDr>`,
          { name: `xl/drawings/${drawingName}.xml` },
        );
        const relXml = [...rels].map(([media, id]) => `<Relationship Id="${id}" Type="${IMAGE_REL}" Target="../media/${escapeXml(media)}"/>`).join('');
        append(
          `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${relXml}</Relationships>`,
          { name: `xl/drawings/_rels/${drawingName}.xml.rels` },
        );
      };

      return {
        place(row, column, photos) {
          let left = THUMB_GAP_PX;
          let placed = 0;
          for (const thumb of photos.thumbs) {
            const media = mediaName(thumb.hash);
            if (!media) continue;
            let rId = rels.get(media);
            if (!rId) {
              rId = `rId${rels.size + 1}`;
              rels.set(media, rId);
            }
            const size = thumbSize(thumb);
            const n = anchors.length + 1;
            anchors.push(
              `<xdr:oneCellAnchor><xdr:from><xdr:col>${column - 1}</xdr:col><xdr:colOff>${left * EMU}</xdr:colOff><xdr:row>${row - 1}</xdr:row><xdr:rowOff>${THUMB_GAP_PX * EMU}</xdr:rowOff></xdr:from>` +
                `<xdr:ext cx="${size.width * EMU}" cy="${size.height * EMU}"/><xdr:pic><xdr:nvPicPr><xdr:cNvPr id="${n + 1}" name="Picture ${n}"/><xdr:cNvPicPr><a:picLocks noChangeAspect="1"/></xdr:cNvPicPr></xdr:nvPicPr>` +
                `<xdr:blipFill><a:blip r:embed="${rId}"/><a:stretch><a:fillRect/></a:stretch></xdr:blipFill>` +
                `<xdr:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="${size.width * EMU}" cy="${size.height * EMU}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></xdr:spPr></xdr:pic><xdr:clientData/></xdr:oneCellAnchor>`,
            );
            left += size.width + THUMB_GAP_PX;
            placed++;
          }
          return placed;
        },
      };
    },
  };
}

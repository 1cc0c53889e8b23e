// Hostile .docx/.xlsx files for the upload tests, built as streams: an entry is deflated chunk by chunk,
// so a 1 GB entry costs the test a second of CPU and a few megabytes, never the gigabyte itself.
import { crc32, createDeflateRaw } from 'node:zlib';
import JSZip from 'jszip';
import { RECONSIDERATION_HEADERS, reconsiderationRows, xlsxFrom } from './xlsx.ts';

export interface BombEntry {
  name: string;
  /** The entry's content, produced piece by piece. */
  parts: () => Iterable<Buffer>;
}

function deflate(parts: Iterable<Buffer>): Promise<{ data: Buffer; size: number; crc: number }> {
  return new Promise((resolve, reject) => {
    const z = createDeflateRaw({ level: 9 });
    const out: Buffer[] = [];
    let size = 0;
    let crc = 0;
    z.on('data', (b: Buffer) => out.push(b));
    z.on('error', reject);
    z.on('end', () => resolve({ data: Buffer.concat(out), size, crc }));
    const it = parts[Symbol.iterator]();
    const pump = () => {
      for (let next = it.next(); !next.done; next = it.next()) {
        size += next.value.length;
        crc = crc32(next.value, crc);
        if (!z.write(next.value)) {
          z.once('drain', pump);
          return;
        }
      }
      z.end();
    };
    pump();
  });
}

/**
 * A zip of deflated entries. `declaredSize` replaces the real inflated size in both headers, as a
 * bomb that lies about itself would (sizes are 32-bit: a 1 GB entry fits).
 */
export async function zipOf(entries: BombEntry[], opts: { declaredSize?: number } = {}): Promise<Buffer> {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const { data, size, crc } = await deflate(e.parts());
    const name = Buffer.from(e.name, 'utf8');
    const declared = opts.declaredSize ?? size;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc >>> 0, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(declared, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc >>> 0, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(declared, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, data);
    centrals.push(central, name);
    offset += local.length + name.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const MB = 1024 * 1024;

function* repeat(head: string, body: string, times: number, tail: string): Iterable<Buffer> {
  yield Buffer.from(head);
  // Pieces of about 1 MB, each made once.
  const per = Math.max(1, Math.floor(MB / body.length));
  const piece = Buffer.from(body.repeat(per));
  let left = times;
  while (left >= per) {
    yield piece;
    left -= per;
  }
  if (left > 0) yield Buffer.from(body.repeat(left));
  yield Buffer.from(tail);
}

const CONTENT_TYPES = (main: string) => ({
  name: '[Content_Types].xml',
  parts: () => [
    Buffer.from(
      `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="${main}" ContentType="application/xml"/></Types>`,
    ),
  ],
});

const DOC_HEAD =
  '<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>';
const DOC_TAIL = '</w:body></w:document>';

/** A .docx whose document.xml is one paragraph of `megabytes` MB of text (the issue: 397 KB → 400 MB). */
export function hugeDocx(megabytes = 400, declaredSize?: number): Promise<Buffer> {
  return zipOf(
    [
      CONTENT_TYPES('/word/document.xml'),
      {
        name: 'word/document.xml',
        parts: () =>
          repeat(
            `${DOC_HEAD}<w:p><w:r><w:t>`,
            '法治政府建设',
            Math.floor((megabytes * MB) / 18),
            `</w:t></w:r></w:p>${DOC_TAIL}`,
          ),
      },
    ],
    { declaredSize },
  );
}

/** A .docx of `count` empty paragraphs (the issue: 800 KB, 8 million paragraphs). */
export function manyParagraphsDocx(count = 8_000_000): Promise<Buffer> {
  return zipOf([
    CONTENT_TYPES('/word/document.xml'),
    { name: 'word/document.xml', parts: () => repeat(DOC_HEAD, '<w:p/>', count, DOC_TAIL) },
  ]);
}

const SHEET_HEAD =
  '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>';
const SHEET_TAIL = '</sheetData></worksheet>';

/** An .xlsx whose one shared string inflates to `megabytes` MB (the issue: 1.76 MB → 1.8 GB). */
export function hugeSharedStringXlsx(megabytes = 1024): Promise<Buffer> {
  return zipOf([
    CONTENT_TYPES('/xl/workbook.xml'),
    {
      name: 'xl/worksheets/sheet1.xml',
      parts: () => [Buffer.from(`${SHEET_HEAD}<row r="1"><c r="A1" t="s"><v>0</v></c></row>${SHEET_TAIL}`)],
    },
    {
      name: 'xl/sharedStrings.xml',
      parts: () =>
        repeat(
          '<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1"><si><t>',
          'AAAAAAAAAAAAAAAA',
          Math.floor((megabytes * MB) / 16),
          '</t></si></sst>',
        ),
    },
  ]);
}

/** An .xlsx of `rows` rows with an inline string each (the issue: 100,000 rows). */
export function manyRowsXlsx(rows = 100_000): Promise<Buffer> {
  function* sheet(): Iterable<Buffer> {
    yield Buffer.from(SHEET_HEAD);
    for (let r = 1; r <= rows; r += 10_000) {
      let s = '';
      for (let i = r; i < r + 10_000 && i <= rows; i += 1)
        s += `<row r="${i}"><c r="A${i}" t="inlineStr"><is><t>示复〔2022〕${i}号</t></is></c></row>`;
      yield Buffer.from(s);
    }
    yield Buffer.from(SHEET_TAIL);
  }
  return zipOf([CONTENT_TYPES('/xl/workbook.xml'), { name: 'xl/worksheets/sheet1.xml', parts: sheet }]);
}

/** Not a zip at all past its first bytes, and a real workbook cut in half. */
export async function corruptFiles(): Promise<{ garbage: Buffer; truncated: Buffer }> {
  const real = await xlsxFrom(RECONSIDERATION_HEADERS, reconsiderationRows(2022, 3, 0, 'C'));
  return {
    garbage: Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(4096, 7)]),
    truncated: real.subarray(0, Math.floor(real.length / 2)),
  };
}

/**
 * A real, small workbook with one column declaration spanning a billion columns: nothing the archive
 * guard counts, but ExcelJS creates an object per column and exhausts any heap. It stands for the bomb
 * nobody foresaw, which only the parse worker's heap limit stops.
 */
export async function unforeseenXlsx(): Promise<Buffer> {
  const zip = await JSZip.loadAsync(
    await xlsxFrom(RECONSIDERATION_HEADERS, reconsiderationRows(2022, 2, 0, 'U')),
  );
  const path = 'xl/worksheets/sheet1.xml';
  const xml = await zip.file(path)!.async('string');
  const cols = '<cols><col min="1" max="1000000000" width="12" customWidth="1"/></cols>';
  const next = /<cols>[\s\S]*?<\/cols>/.test(xml)
    ? xml.replace(/<cols>[\s\S]*?<\/cols>/, cols)
    : xml.replace('<sheetData', `${cols}<sheetData`);
  zip.file(path, next);
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

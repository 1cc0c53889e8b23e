// Walks a .docx/.xlsx (a zip archive) before any library opens it, inflating every entry as a stream
// and counting what actually comes out: the sizes the archive declares can lie. The walk stops at the
// first limit crossed, so a bomb costs at most one limit's worth of inflation and a few chunks of memory.
import { createInflateRaw } from 'node:zlib';
import { corruptFile, UploadRejected } from './errors.ts';
import { type ArchiveLimits, DOCX_LIMITS, mb, XLSX_LIMITS } from './limits.ts';

export type ArchiveKind = 'docx' | 'xlsx';

interface Entry {
  name: string;
  method: number;
  flags: number;
  compressedSize: number;
  declaredSize: number;
  localOffset: number;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const ZIP64_MARK = 0xffffffff;
const CHUNK = 64 * 1024;

/** The central directory: the list of entries that jszip (and so mammoth and exceljs) will read. */
function centralDirectory(buf: Buffer, limits: ArchiveLimits): Entry[] {
  const bad = corruptFile(limits.label);
  const lowest = Math.max(0, buf.length - 22 - 0xffff);
  let eocd = -1;
  for (let i = buf.length - 22; i >= lowest; i -= 1) {
    if (buf.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw bad;
  const count = buf.readUInt16LE(eocd + 10);
  const size = buf.readUInt32LE(eocd + 12);
  const offset = buf.readUInt32LE(eocd + 16);
  if (count === 0xffff || offset === ZIP64_MARK)
    throw new UploadRejected(400, `不支持 ZIP64 格式的 ${limits.label} 文件，请用 Word/Excel/WPS 重新另存`);
  if (count > limits.maxEntries)
    throw new UploadRejected(413, `文件包含超过 ${limits.maxEntries} 个部件，已拒绝`);
  if (offset + size > eocd) throw bad;
  const entries: Entry[] = [];
  let p = offset;
  for (let i = 0; i < count; i += 1) {
    if (p + 46 > eocd || buf.readUInt32LE(p) !== CENTRAL) throw bad;
    const nameLength = buf.readUInt16LE(p + 28);
    const entry: Entry = {
      flags: buf.readUInt16LE(p + 8),
      method: buf.readUInt16LE(p + 10),
      compressedSize: buf.readUInt32LE(p + 20),
      declaredSize: buf.readUInt32LE(p + 24),
      localOffset: buf.readUInt32LE(p + 42),
      name: buf.toString('utf8', p + 46, p + 46 + nameLength),
    };
    if (entry.compressedSize === ZIP64_MARK || entry.declaredSize === ZIP64_MARK)
      throw new UploadRejected(400, `不支持 ZIP64 格式的 ${limits.label} 文件，请用 Word/Excel/WPS 重新另存`);
    entries.push(entry);
    p += 46 + nameLength + buf.readUInt16LE(p + 30) + buf.readUInt16LE(p + 32);
  }
  return entries;
}

/** The entry's compressed bytes, found through its local header. */
function entryData(buf: Buffer, entry: Entry, label: string): Buffer {
  const at = entry.localOffset;
  if (at + 30 > buf.length || buf.readUInt32LE(at) !== LOCAL) throw corruptFile(label);
  const start = at + 30 + buf.readUInt16LE(at + 26) + buf.readUInt16LE(at + 28);
  const end = start + entry.compressedSize;
  if (end > buf.length) throw corruptFile(label);
  return buf.subarray(start, end);
}

/** Inflates as a stream; `onChunk` may throw to stop at once (the rest is never inflated). */
function inflate(
  data: Buffer,
  method: number,
  label: string,
  onChunk: (chunk: Buffer) => void,
): Promise<void> {
  if (method === 0) {
    for (let i = 0; i < data.length; i += CHUNK) onChunk(data.subarray(i, i + CHUNK));
    return Promise.resolve();
  }
  if (method !== 8) return Promise.reject(corruptFile(label));
  return new Promise((resolve, reject) => {
    const z = createInflateRaw({ chunkSize: CHUNK });
    let settled = false;
    const fail = (e: unknown) => {
      if (settled) return;
      settled = true;
      z.destroy();
      reject(e);
    };
    z.on('data', (chunk: Buffer) => {
      if (settled) return;
      try {
        onChunk(chunk);
      } catch (e) {
        fail(e);
      }
    });
    z.on('error', () => fail(corruptFile(label)));
    z.on('end', () => {
      if (settled) return;
      settled = true;
      resolve();
    });
    let pos = 0;
    const pump = () => {
      while (pos < data.length && !settled) {
        const end = Math.min(pos + CHUNK, data.length);
        const more = z.write(data.subarray(pos, end));
        pos = end;
        if (!more) {
          z.once('drain', pump);
          return;
        }
      }
      if (!settled) z.end();
    };
    pump();
  });
}

/** Longer than any token the scanners look for, kept from one chunk to the next. */
const TAIL = 96;

/**
 * Calls `onToken` for every match of `pattern` in the streamed text, once each, also when a token is
 * split between chunks. The patterns match short tags that cannot overlap (each starts with `<` and
 * contains no other `<`), so a match that lies wholly in the carried tail was already seen.
 */
export function tokenScanner(
  pattern: RegExp,
  onToken: (match: RegExpExecArray) => void,
): (chunk: Buffer) => void {
  let tail = '';
  return (chunk) => {
    const text = tail + chunk.toString('latin1');
    pattern.lastIndex = 0;
    for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
      if (m.index + m[0].length > tail.length) onToken(m);
    }
    tail = text.slice(-TAIL);
  };
}

// Open tags only, with any namespace prefix (`w:`, `x:`), followed by a delimiter.
const PARAGRAPH = /<(?:[A-Za-z_][\w.-]{0,31}:)?(p)[\s>/]/g;
const SHEET_TOKEN = /<(?:[A-Za-z_][\w.-]{0,31}:)?(row|c|v|is|f)[\s>/]/g;
const MERGE = /<(?:[A-Za-z_][\w.-]{0,31}:)?mergeCell\s+ref="([A-Z]{1,3})(\d{1,7}):([A-Z]{1,3})(\d{1,7})"/g;

function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + ch.charCodeAt(0) - 64;
  return n;
}

type Scanner = (chunk: Buffer) => void;

function docxScanners(): (name: string) => Scanner | null {
  let paragraphs = 0;
  return (name) => {
    // Every XML part, not only word/document.xml: the main part may live anywhere its relationships say.
    if (!/\.xml$/i.test(name)) return null;
    return tokenScanner(new RegExp(PARAGRAPH), () => {
      paragraphs += 1;
      if (paragraphs > DOCX_LIMITS.maxParagraphs)
        throw new UploadRejected(
          413,
          `文档超过 ${DOCX_LIMITS.maxParagraphs / 10_000} 万个段落，已拒绝，请拆分后检查`,
        );
    });
  };
}

function worksheetScanner(): Scanner {
  const { maxRows, maxCells } = XLSX_LIMITS;
  let rows = 0;
  let cells = 0;
  let rowHasValue = false;
  const addCells = (n: number) => {
    cells += n;
    if (cells > maxCells)
      throw new UploadRejected(413, `工作表超过 ${maxCells / 10_000} 万个单元格，已拒绝，请拆分后导入`);
  };
  // A row counts when it holds a value, an inline string or a formula, as the import counts them;
  // styled empty rows do not. The header row is the one more allowed.
  const tokens = tokenScanner(new RegExp(SHEET_TOKEN), ([, tag]) => {
    if (tag === 'row') rowHasValue = false;
    else if (tag === 'c') addCells(1);
    else if (!rowHasValue) {
      rowHasValue = true;
      rows += 1;
      if (rows > maxRows + 1)
        throw new UploadRejected(400, `文件超过 ${maxRows} 行数据，单次最多导入 ${maxRows} 行，请拆分后导入`);
    }
  });
  // The parser creates every cell of a merged range, so a range counts as its area.
  const merges = tokenScanner(new RegExp(MERGE), ([, c1 = '', r1 = '', c2 = '', r2 = '']) => {
    const height = Math.abs(Number(r2) - Number(r1)) + 1;
    const width = Math.abs(columnNumber(c2) - columnNumber(c1)) + 1;
    addCells(height * width);
  });
  return (chunk) => {
    tokens(chunk);
    merges(chunk);
  };
}

function xlsxScanners(): (name: string) => Scanner | null {
  return (name) => {
    if (/(^|\/)sharedStrings\.xml$/i.test(name)) {
      let bytes = 0;
      return (chunk) => {
        bytes += chunk.length;
        if (bytes > XLSX_LIMITS.maxSharedStringsBytes)
          throw new UploadRejected(
            413,
            `文件中的文字解压后超过 ${mb(XLSX_LIMITS.maxSharedStringsBytes)}，已拒绝`,
          );
      };
    }
    // Every other XML part is scanned as a sheet: a worksheet may live anywhere the workbook's
    // relationships say, and the tags counted do not occur in styles, themes or properties.
    if (/\.xml$/i.test(name)) return worksheetScanner();
    return null;
  };
}

/**
 * Refuses an archive that would inflate beyond the limits of its kind (entries, bytes per entry, bytes
 * in all, and for documents paragraphs, for workbooks rows, cells and shared strings), or that is not
 * a readable zip. Resolves when the whole archive has been inflated within the limits.
 */
export async function inspectArchive(buf: Buffer, kind: ArchiveKind): Promise<void> {
  const limits = kind === 'docx' ? DOCX_LIMITS : XLSX_LIMITS;
  const scannerFor = kind === 'docx' ? docxScanners() : xlsxScanners();
  const entries = centralDirectory(buf, limits);
  const tooBig = () =>
    new UploadRejected(413, `文件解压后超过 ${mb(limits.maxTotalBytes)}，已拒绝（疑似压缩炸弹）`);
  const entryTooBig = (name: string) =>
    new UploadRejected(
      413,
      `文件中的部件「${name.slice(0, 80)}」解压后超过 ${mb(limits.maxEntryBytes)}，已拒绝（疑似压缩炸弹）`,
    );
  // Honest headers let a bomb be refused before a byte is inflated.
  let declared = 0;
  for (const e of entries) {
    if (e.flags & 1) throw new UploadRejected(400, `文件已加密，请取消密码保护后再上传`);
    if (e.declaredSize > limits.maxEntryBytes) throw entryTooBig(e.name);
    declared += e.declaredSize;
  }
  if (declared > limits.maxTotalBytes) throw tooBig();
  let total = 0;
  for (const e of entries) {
    const scan = scannerFor(e.name);
    let bytes = 0;
    await inflate(entryData(buf, e, limits.label), e.method, limits.label, (chunk) => {
      bytes += chunk.length;
      total += chunk.length;
      if (bytes > limits.maxEntryBytes) throw entryTooBig(e.name);
      if (total > limits.maxTotalBytes) throw tooBig();
      scan?.(chunk);
    });
  }
}

/** Reads a report file for `fazhi check`: .txt (UTF-8/UTF-16/GBK), .docx (mammoth) and .html. */
import { readFile, stat } from 'node:fs/promises';
import { extname } from 'node:path';
import { UploadRejected } from '../uploads/errors.ts';
import { docxText } from '../uploads/read-upload.ts';

export const MAX_BYTES = 10 * 1024 * 1024;

/** Input that cannot be checked; `status` is 413 when it is too large (or would become so). */
export class UnreadableInputError extends Error {
  constructor(
    message: string,
    readonly status: 400 | 413 = 400,
  ) {
    super(message);
  }
}

/** Decodes bytes: BOMs, strict UTF-8, else GBK when the result looks like Chinese; binary is refused. */
export function decodeText(buf: Uint8Array): string {
  if (buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) {
    return new TextDecoder('utf-8').decode(buf.subarray(3));
  }
  if (buf.length >= 2 && buf[0] === 0xff && buf[1] === 0xfe)
    return new TextDecoder('utf-16le').decode(buf.subarray(2));
  if (buf.length >= 2 && buf[0] === 0xfe && buf[1] === 0xff)
    return new TextDecoder('utf-16be').decode(buf.subarray(2));
  const sample = buf.subarray(0, Math.min(buf.length, 65536));
  let nul = 0;
  let ctrl = 0;
  for (const b of sample) {
    if (b === 0) nul++;
    else if (b < 9 || (b > 13 && b < 32 && b !== 27)) ctrl++;
  }
  if (nul > 0 || ctrl > sample.length * 0.02)
    throw new UnreadableInputError('文件不是文本（疑为二进制数据），无法检查');
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buf);
  } catch {
    // not UTF-8: try GBK (GB18030 superset)
  }
  let text: string;
  try {
    text = new TextDecoder('gb18030', { fatal: true }).decode(buf);
  } catch {
    throw new UnreadableInputError('无法识别文件编码（既不是 UTF-8 也不是 GBK），请另存为 UTF-8 后重试');
  }
  let han = 0;
  let nonAscii = 0;
  // A loop, not [...text]: a 10 MB file would become millions of one-character strings.
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (c >= 0x4e00 && c <= 0x9fff) han += 1;
    // A surrogate pair is one character, as in the spread it replaces.
    if (c > 127 && !(c >= 0xdc00 && c <= 0xdfff)) nonAscii += 1;
  }
  if (nonAscii > 0 && han / nonAscii < 0.6) {
    throw new UnreadableInputError(
      '文件编码无法可靠识别（不是 UTF-8，按 GBK 解码也不像中文），请另存为 UTF-8 后重试',
    );
  }
  return text;
}

const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  ldquo: '“',
  rdquo: '”',
  lsquo: '‘',
  rsquo: '’',
  middot: '·',
  mdash: '—',
  hellip: '…',
  emsp: '\u3000',
  ensp: ' ',
};

/** Strips HTML to text: drops script/style/comments, keeps block breaks, decodes entities. Tolerates broken markup. */
export function htmlToText(html: string): string {
  let s = html.replace(/<!--[\s\S]*?(?:-->|$)/g, '');
  s = s.replace(/<(script|style|noscript|template|iframe)\b[^>]*>[\s\S]*?(?:<\/\1\s*>|$)/gi, '');
  s = s.replace(/<br\s*\/?>/gi, '\n');
  s = s.replace(
    /<\/?(p|div|h[1-6]|li|tr|table|section|article|header|footer|ul|ol|blockquote|pre)\b[^>]*>/gi,
    '\n',
  );
  s = s.replace(/<[^>]*>/g, '');
  s = s.replace(/<[^>]*$/g, ''); // unterminated tag at the end
  s = s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) => {
    if (e[0] === '#') {
      const code =
        e[1] === 'x' || e[1] === 'X' ? Number.parseInt(e.slice(2), 16) : Number.parseInt(e.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : m;
    }
    return ENTITIES[e.toLowerCase()] ?? m;
  });
  return s
    .split('\n')
    .map((l) => l.replace(/[ \t]+/g, ' ').trim())
    .filter((l) => l.length > 0)
    .join('\n')
    .trim();
}

export async function readDocument(file: string): Promise<string> {
  let size: number;
  try {
    const st = await stat(file);
    if (!st.isFile()) throw new UnreadableInputError(`不是文件：${file}`);
    size = st.size;
  } catch (e) {
    if (e instanceof UnreadableInputError) throw e;
    throw new UnreadableInputError(`无法读取文件：${file}`);
  }
  if (size > MAX_BYTES) {
    throw new UnreadableInputError(`文件过大（${(size / 1024 / 1024).toFixed(1)} MB），上限为 10 MB`, 413);
  }
  return documentText(await readFile(file), file);
}

/** The text of an uploaded or read document, by its name's extension: .docx, .html, or plain text. */
export async function documentText(buf: Buffer, fileName: string): Promise<string> {
  if (buf.length > MAX_BYTES) {
    throw new UnreadableInputError(
      `文件过大（${(buf.length / 1024 / 1024).toFixed(1)} MB），上限为 10 MB`,
      413,
    );
  }
  const ext = extname(fileName).toLowerCase();
  if (ext === '.docx') {
    // Walked within the expansion limits, then read by mammoth in a worker (uploads/).
    try {
      return await docxText(buf);
    } catch (e) {
      if (e instanceof UploadRejected)
        throw new UnreadableInputError(e.message, e.status === 413 ? 413 : 400);
      throw e;
    }
  }
  if (ext === '.doc') throw new UnreadableInputError('不支持旧版 .doc 格式，请另存为 .docx 后重试');
  const text = decodeText(buf);
  if (ext === '.html' || ext === '.htm' || /^\s*<(!doctype|html)/i.test(text.slice(0, 200)))
    return htmlToText(text);
  return text;
}

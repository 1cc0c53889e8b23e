// The raw text of a .docx, read with mammoth inside the parse worker (parse-worker.ts).
import mammoth from 'mammoth';
import { corruptFile } from './errors.ts';

export async function readDocxText(data: Uint8Array): Promise<string> {
  try {
    const r = await mammoth.extractRawText({
      buffer: Buffer.from(data.buffer, data.byteOffset, data.byteLength),
    });
    return r.value;
  } catch {
    throw corruptFile('.docx');
  }
}

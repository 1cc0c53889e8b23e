// The two ways the server reads an uploaded archive: the archive is first walked within its limits
// (safe-archive.ts) on this thread, then parsed in a worker (parse-pool.ts).
import { runParseJob } from './parse-pool.ts';
import { inspectArchive } from './safe-archive.ts';
import type { ImportSheet } from './xlsx-sheet.ts';

export async function docxText(buf: Buffer): Promise<string> {
  await inspectArchive(buf, 'docx');
  return runParseJob('docx-text', buf);
}

export async function importSheet(buf: Buffer): Promise<ImportSheet> {
  await inspectArchive(buf, 'xlsx');
  return runParseJob('xlsx-sheet', buf);
}

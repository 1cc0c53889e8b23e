// The parse worker's side: runs one job at a time and answers with its result or its refusal.
import { parentPort } from 'node:worker_threads';
import { readDocxText } from './docx-text.ts';
import { UploadRejected } from './errors.ts';
import type { ParseJob, ParseReply } from './parse-jobs.ts';
import { readImportSheet } from './xlsx-sheet.ts';

async function run(job: ParseJob): Promise<unknown> {
  if (job.kind === 'docx-text') return readDocxText(job.data);
  return readImportSheet(job.data);
}

const port = parentPort;
if (!port) throw new Error('parse-worker.ts runs only as a worker thread');
port.on('message', async (msg: { id: number; job: ParseJob }) => {
  let reply: ParseReply;
  try {
    reply = { id: msg.id, ok: true, result: await run(msg.job) };
  } catch (e) {
    const rejected =
      e instanceof UploadRejected ? { status: e.status as 400 | 413, message: e.message } : null;
    reply = { id: msg.id, ok: false, rejected, message: String((e as Error)?.message ?? e) };
  }
  port.postMessage(reply);
});

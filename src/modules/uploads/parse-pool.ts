// Runs parse jobs in worker threads with a capped heap, so that a file that exhausts the parser ends a
// worker, not the server. At most PARSE_WORKER.concurrency jobs run at once; the others queue. A worker
// that answered is kept for the next job (starting one loads tsx, ExcelJS and mammoth) and ends after
// a while idle; a worker that failed is never reused.
import { Worker } from 'node:worker_threads';
import { UploadRejected } from './errors.ts';
import { PARSE_WORKER } from './limits.ts';
import type { ParseKind, ParseReply, ParseResults } from './parse-jobs.ts';

const ENTRY = new URL('./parse-worker-entry.mjs', import.meta.url);
const IDLE_MS = 30_000;

interface Idle {
  worker: Worker;
  timer: NodeJS.Timeout;
}

const idle: Idle[] = [];
const waiting: Array<() => void> = [];
let running = 0;
let nextId = 1;

async function acquireSlot(): Promise<void> {
  if (running < PARSE_WORKER.concurrency) {
    running += 1;
    return;
  }
  // release() hands its slot straight to the next in line, so `running` stays the same.
  await new Promise<void>((resolve) => waiting.push(resolve));
}

function releaseSlot(): void {
  const next = waiting.shift();
  if (next) next();
  else running -= 1;
}

function takeWorker(): Worker {
  const kept = idle.pop();
  if (kept) {
    clearTimeout(kept.timer);
    kept.worker.ref();
    return kept.worker;
  }
  return new Worker(ENTRY, {
    resourceLimits: {
      maxOldGenerationSizeMb: PARSE_WORKER.maxOldGenerationSizeMb,
      maxYoungGenerationSizeMb: PARSE_WORKER.maxYoungGenerationSizeMb,
    },
    stdout: false,
    stderr: false,
  });
}

function keepWorker(worker: Worker): void {
  // An idle worker must not keep a CLI run (or a test process) alive.
  worker.unref();
  const entry: Idle = {
    worker,
    timer: setTimeout(() => {
      const i = idle.indexOf(entry);
      if (i >= 0) idle.splice(i, 1);
      void worker.terminate();
    }, IDLE_MS).unref(),
  };
  idle.push(entry);
}

const outOfMemory = () =>
  new UploadRejected(413, '文件解析所需内存超出上限，已停止解析（文件过大或结构异常），请拆分或另存后再上传');
const timedOut = () =>
  new UploadRejected(
    413,
    `文件解析超过 ${PARSE_WORKER.timeoutMs / 1000} 秒仍未完成，已停止（文件过大或结构异常），请拆分后再上传`,
  );
const crashed = () =>
  new UploadRejected(400, '文件无法解析（解析过程异常终止），请用 Word/Excel/WPS 重新另存后再上传');

function runOn<K extends ParseKind>(worker: Worker, kind: K, source: Uint8Array): Promise<ParseResults[K]> {
  const id = nextId++;
  return new Promise((resolve, reject) => {
    let done = false;
    const finish = (ok: boolean) => {
      done = true;
      clearTimeout(timer);
      worker.off('message', onMessage);
      worker.off('error', onError);
      worker.off('exit', onExit);
      if (ok) keepWorker(worker);
      else void worker.terminate();
    };
    const onMessage = (reply: ParseReply) => {
      if (reply.id !== id || done) return;
      finish(true);
      if (reply.ok) resolve(reply.result as ParseResults[K]);
      else if (reply.rejected) reject(new UploadRejected(reply.rejected.status, reply.rejected.message));
      else reject(crashed());
    };
    const onError = (e: Error & { code?: string }) => {
      if (done) return;
      finish(false);
      reject(e.code === 'ERR_WORKER_OUT_OF_MEMORY' ? outOfMemory() : crashed());
    };
    const onExit = () => {
      if (done) return;
      finish(false);
      reject(crashed());
    };
    const timer = setTimeout(() => {
      if (done) return;
      finish(false);
      reject(timedOut());
    }, PARSE_WORKER.timeoutMs);
    worker.on('message', onMessage);
    worker.on('error', onError);
    worker.on('exit', onExit);
    // A copy, transferred: the worker owns it and the caller's buffer stays usable.
    const data = new Uint8Array(source);
    worker.postMessage({ id, job: { kind, data } }, [data.buffer]);
  });
}

/** Runs one job in a parse worker; a worker that dies or overruns becomes an UploadRejected. */
export async function runParseJob<K extends ParseKind>(kind: K, data: Uint8Array): Promise<ParseResults[K]> {
  await acquireSlot();
  try {
    return await runOn(takeWorker(), kind, data);
  } finally {
    releaseSlot();
  }
}

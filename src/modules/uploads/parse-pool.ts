// Runs parse jobs in worker threads with a capped heap, so that a file that exhausts the parser ends a
// worker, not the server. Each kind of job has its own limits (PARSE_WORKERS): at most `concurrency`
// at once, the others queue. A worker that answered is kept for the next job of its kind (starting one
// loads tsx and the parser) and ends after a while idle; a worker that failed is never reused.
import { Worker } from 'node:worker_threads';
import { UploadRejected } from './errors.ts';
import { PARSE_WORKERS, type WorkerLimits } from './limits.ts';
import type { ParseKind, ParseReply, ParseResults } from './parse-jobs.ts';

const ENTRY = new URL('./parse-worker-entry.mjs', import.meta.url);
const IDLE_MS = 30_000;

const outOfMemory = () =>
  new UploadRejected(413, '文件解析所需内存超出上限，已停止解析（文件过大或结构异常），请拆分或另存后再上传');
const timedOut = (ms: number) =>
  new UploadRejected(
    413,
    `文件解析超过 ${ms / 1000} 秒仍未完成，已停止（文件过大或结构异常），请拆分后再上传`,
  );
const crashed = () =>
  new UploadRejected(400, '文件无法解析（解析过程异常终止），请用 Word/Excel/WPS 重新另存后再上传');

let nextId = 1;

class ParsePool {
  private readonly idle: Array<{ worker: Worker; timer: NodeJS.Timeout }> = [];
  private readonly waiting: Array<() => void> = [];
  private running = 0;

  constructor(private readonly limits: WorkerLimits) {}

  async run(kind: ParseKind, data: Uint8Array): Promise<unknown> {
    await this.acquire();
    try {
      return await this.runOn(this.take(), kind, data);
    } finally {
      this.release();
    }
  }

  private async acquire(): Promise<void> {
    if (this.running < this.limits.concurrency) {
      this.running += 1;
      return;
    }
    // release() hands its slot straight to the next in line, so `running` stays the same.
    await new Promise<void>((resolve) => this.waiting.push(resolve));
  }

  private release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.running -= 1;
  }

  private take(): Worker {
    const kept = this.idle.pop();
    if (kept) {
      clearTimeout(kept.timer);
      kept.worker.ref();
      return kept.worker;
    }
    return new Worker(ENTRY, {
      resourceLimits: {
        maxOldGenerationSizeMb: this.limits.maxOldGenerationSizeMb,
        maxYoungGenerationSizeMb: this.limits.maxYoungGenerationSizeMb,
      },
    });
  }

  private keep(worker: Worker): void {
    // An idle worker must not keep a CLI run (or a test process) alive.
    worker.unref();
    const entry = {
      worker,
      timer: setTimeout(() => {
        const i = this.idle.indexOf(entry);
        if (i >= 0) this.idle.splice(i, 1);
        void worker.terminate();
      }, IDLE_MS).unref(),
    };
    this.idle.push(entry);
  }

  private runOn(worker: Worker, kind: ParseKind, source: Uint8Array): Promise<unknown> {
    const id = nextId++;
    return new Promise((resolve, reject) => {
      let done = false;
      const finish = (reusable: boolean) => {
        done = true;
        clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
        if (reusable) this.keep(worker);
        else void worker.terminate();
      };
      const onMessage = (reply: ParseReply) => {
        if (reply.id !== id || done) return;
        finish(true);
        if (reply.ok) resolve(reply.result);
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
        reject(timedOut(this.limits.timeoutMs));
      }, this.limits.timeoutMs);
      worker.on('message', onMessage);
      worker.on('error', onError);
      worker.on('exit', onExit);
      // A copy, transferred: the worker owns it and the caller's buffer stays usable.
      const data = new Uint8Array(source);
      worker.postMessage({ id, job: { kind, data } }, [data.buffer]);
    });
  }
}

const pools = new Map<ParseKind, ParsePool>();

/** Runs one job in a parse worker; a worker that dies or overruns becomes an UploadRejected. */
export async function runParseJob<K extends ParseKind>(kind: K, data: Uint8Array): Promise<ParseResults[K]> {
  let pool = pools.get(kind);
  if (!pool) {
    pool = new ParsePool(PARSE_WORKERS[kind]);
    pools.set(kind, pool);
  }
  return (await pool.run(kind, data)) as ParseResults[K];
}

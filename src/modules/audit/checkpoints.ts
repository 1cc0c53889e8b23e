// Checkpoints of the audit chain's head, kept outside the database in an append-only file
// (DATA_DIR/audit-checkpoints.log). Someone who can write to the database but does not hold the
// audit key cannot make the chain shorter than the newest checkpoint without it being reported.
//
// One line per checkpoint: `v1 <kind> <seq> <hash> <at> <mac>`, the MAC (audit key) covering the
// rest. `reset` is written by a restore: lines before it describe the timeline that was replaced.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { appendFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ChainHead } from '../../domain/access/audit-chain.ts';

export const CHECKPOINT_FILE = 'audit-checkpoints.log';

export type CheckpointKind = 'cp' | 'reset';

export interface Checkpoint extends ChainHead {
  kind: CheckpointKind;
  at: string;
}

export interface CheckpointState {
  /** The newest checkpoint of the current timeline, or null when there is none. */
  latest: Checkpoint | null;
  /** A line whose MAC fails: the file was edited by someone without the key. */
  problem: string | null;
}

function lineMac(key: Buffer, kind: CheckpointKind, seq: number, hash: string, at: string): string {
  return createHmac('sha256', key)
    .update(`fazhi-audit-checkpoint|v1|${kind}|${seq}|${hash}|${at}`)
    .digest('hex');
}

function sameHex(a: string, b: string): boolean {
  return a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
}

export function checkpointFile(dataDir: string): string {
  return join(dataDir, CHECKPOINT_FILE);
}

export function readCheckpoints(file: string, key: Buffer): CheckpointState {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { latest: null, problem: null };
    throw e;
  }
  const lines = text.split('\n');
  // A last line without its newline is a write cut short by a crash, not a checkpoint.
  lines.pop();
  let latest: Checkpoint | null = null;
  let problem: string | null = null;
  for (const [i, line] of lines.entries()) {
    if (line === '') continue;
    const [version, kind, seqText, hash, at, mac] = line.split(' ');
    const seq = Number(seqText);
    const valid =
      version === 'v1' &&
      (kind === 'cp' || kind === 'reset') &&
      Number.isSafeInteger(seq) &&
      hash !== undefined &&
      at !== undefined &&
      mac !== undefined &&
      sameHex(mac, lineMac(key, kind, seq, hash, at));
    if (!valid) {
      problem ??= `审计检查点文件第 ${i + 1} 行校验码不符（检查点文件被改动，或审计密钥不对）`;
      continue;
    }
    // A reset (a restore, made with the key) starts a new timeline: what came before it is replaced.
    if (kind === 'reset') {
      latest = { kind, seq, hash, at };
      problem = null;
    } else if (!latest || seq > latest.seq) {
      // Several processes append to one file, so the lines of a timeline need not be in seq order.
      latest = { kind, seq, hash, at };
    }
  }
  return { latest, problem };
}

export function appendCheckpoint(file: string, key: Buffer, kind: CheckpointKind, head: ChainHead): void {
  const at = new Date().toISOString();
  const line = `v1 ${kind} ${head.seq} ${head.hash} ${at} ${lineMac(key, kind, head.seq, head.hash, at)}\n`;
  // One short write with O_APPEND: lines from several processes do not interleave.
  appendFileSync(file, line, { mode: 0o600 });
}

// A setting the server cannot start with is reported as one Chinese line, not as a stack trace.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);

describe('fazhi with a refused setting', { timeout: 60_000 }, () => {
  it('TRUST_PROXY=true: exit code 1 and the reason, without a stack trace', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fazhi-cli-config-'));
    try {
      const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dir, TRUST_PROXY: 'true' };
      delete env.DATABASE_URL;
      const failure = await run('node', ['bin/fazhi.js', 'migrate'], { env }).then(
        () => null,
        (e: { code: number; stderr: string }) => e,
      );
      expect(failure?.code).toBe(1);
      expect(failure?.stderr).toContain(
        '错误：TRUST_PROXY=true 会把客户端自己填写的 X-Forwarded-For 当作来源 IP',
      );
      expect(failure?.stderr).not.toContain('at parseTrustProxy');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

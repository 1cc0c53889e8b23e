// Runs the `fazhi` command as a user would: a child process of bin/fazhi.js, with the test's own
// environment less the settings each test must give explicitly (the database, the audit key).
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
  /** stdout and stderr together, for messages that may go to either. */
  out: string;
}

export async function fazhi(args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  const inherited = { ...process.env };
  delete inherited.DATABASE_URL;
  delete inherited.FAZHI_AUDIT_KEY;
  try {
    const r = await run('node', ['bin/fazhi.js', ...args], { env: { ...inherited, ...env } });
    return { code: 0, stdout: r.stdout, stderr: r.stderr, out: r.stdout + r.stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr, out: err.stdout + err.stderr };
  }
}

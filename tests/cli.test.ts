import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/server/app.ts';
import { loadConfig } from '../src/server/config.ts';
import { prepareDatabase } from '../src/server/start.ts';
import { Client } from './support/app.ts';
import { fazhi } from './support/cli.ts';

const dirs: string[] = [];

function tempDir() {
  const d = mkdtempSync(join(tmpdir(), 'fazhi-cli-'));
  dirs.push(d);
  return d;
}

afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

// Each command is a separate Node process, and seeding writes three years of demo ledgers.
describe('fazhi command line', { timeout: 180_000 }, () => {
  it('--help lists every command, and each has its own help', async () => {
    const help = await fazhi(['--help']);
    expect(help.code, help.out).toBe(0);
    for (const cmd of [
      'serve',
      'migrate',
      'seed',
      'init',
      'user:create',
      'backup',
      'restore',
      'audit:verify',
      'check',
    ]) {
      expect(help.out).toContain(cmd);
    }
    const backup = await fazhi(['backup', '--help']);
    expect(backup.out).toContain('pg_dump');
  });

  it('migrates, seeds the demo county once, backs up and restores', async () => {
    const dir = tempDir();
    // Restoring on another machine needs the audit key the backup was written with.
    const key = { FAZHI_AUDIT_KEY: 'cli-test-audit-key-cli-test-audit-key-0001' };
    expect((await fazhi(['migrate'], { DATA_DIR: dir, ...key })).out).toContain('001_foundation');
    const seeded = await fazhi(['seed', '--demo'], { DATA_DIR: dir, ...key });
    expect(seeded.code, seeded.out).toBe(0);
    expect(seeded.out).toContain('已生成演示县');
    const again = await fazhi(['seed', '--demo'], { DATA_DIR: dir, ...key });
    expect(again.code, again.out).toBe(1);
    expect(again.out).toContain('已存在');

    const backupFile = join(dir, 'backup.sqlite');
    const backup = await fazhi(['backup', backupFile], { DATA_DIR: dir, ...key });
    expect(backup.code, backup.out).toBe(0);
    expect(existsSync(backupFile)).toBe(true);

    const target = tempDir();
    const noConfirm = await fazhi(['restore', backupFile], { DATA_DIR: target, ...key });
    expect(noConfirm.code, noConfirm.out).toBe(1);
    expect(noConfirm.out).toContain('--yes');
    const restored = await fazhi(['restore', backupFile, '--yes'], { DATA_DIR: target, ...key });
    expect(restored.code, restored.out).toBe(0);
    const verify = await fazhi(['audit:verify'], { DATA_DIR: target, ...key });
    expect(verify.code, verify.out).toBe(0);
    expect(verify.out).toContain('审计日志完好');

    const notDb = join(dir, 'not-a-db.sqlite');
    await import('node:fs').then((fs) => fs.writeFileSync(notDb, 'hello'));
    const bad = await fazhi(['restore', notDb, '--yes'], { DATA_DIR: target, ...key });
    expect(bad.code, bad.out).toBe(1);
    expect(bad.out).toContain('不是有效的平台数据库备份');
  });

  it('refuses demo data in production, where user:create makes the first administrator', async () => {
    const dir = tempDir();
    const env = {
      DATA_DIR: dir,
      NODE_ENV: 'production',
      SESSION_SECRET: 'test-secret-test-secret',
      FAZHI_AUDIT_KEY: 'cli-test-audit-key-cli-test-audit-key-0002',
    };
    const seed = await fazhi(['seed', '--demo'], env);
    expect(seed.code, seed.out).toBe(1);
    expect(seed.out).toContain('生产模式');
    expect(
      (
        await fazhi(
          [
            'init',
            '--province',
            '430000:湖南省',
            '--city',
            '430400:衡阳市',
            '--county',
            '430423:衡山县',
            '--unit',
            '衡山县司法局',
          ],
          env,
        )
      ).code,
    ).toBe(0);
    const weak = await fazhi(
      [
        'user:create',
        '--username',
        'admin',
        '--name',
        '管理员',
        '--unit',
        '衡山县司法局',
        '--password',
        'weak',
      ],
      env,
    );
    expect(weak.code, weak.out).toBe(1);
    expect(weak.out).toContain('密码长度');
    const two = await fazhi(
      [
        'user:create',
        '--username',
        'admin',
        '--name',
        '管理员',
        '--unit',
        '衡山县司法局',
        '--role',
        'sysadmin,auditor',
        '--password',
        'Hengshan#2026',
      ],
      env,
    );
    expect(two.code, two.out).toBe(1);
    expect(two.out).toContain('不能由同一账户兼任');
    const ok = await fazhi(
      [
        'user:create',
        '--username',
        'admin',
        '--name',
        '管理员',
        '--unit',
        '衡山县司法局',
        '--password',
        'Hengshan#2026',
      ],
      env,
    );
    expect(ok.code, ok.out).toBe(0);

    const config = loadConfig({ ...env }, { port: 0 });
    const database = await prepareDatabase(config, { seedIfEmpty: true });
    const app = await buildApp({ database, config });
    try {
      const demo = await new Client(app).login('sysadmin', 'Fazhi@2026');
      expect(demo.status).toBe(401);
      const admin = new Client(app);
      const login = await admin.login('admin', 'Hengshan#2026');
      expect(login.status).toBe(200);
      expect(login.body.mustChangePassword).toBe(true);
    } finally {
      await app.close();
      await database.close();
    }
  });
});

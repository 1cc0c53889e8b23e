// Builds the web app with Vite only when a source file is newer than the last build,
// so that `npm start` and `npm test` stay quick after the first run.
import { execSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const stamp = join(root, 'web/dist/index.html');

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

const sources = Math.max(
  newestMtime(join(root, 'web/src')),
  // Server definitions the web app bundles (permission names).
  statSync(join(root, 'src/domain/access/permissions.ts')).mtimeMs,
  statSync(join(root, 'web/index.html')).mtimeMs,
  statSync(join(root, 'vite.config.ts')).mtimeMs,
);
if (!existsSync(stamp) || statSync(stamp).mtimeMs < sources) {
  console.log('正在构建前端 (vite build)…');
  execSync('npx vite build --logLevel warn', { cwd: root, stdio: 'inherit' });
}

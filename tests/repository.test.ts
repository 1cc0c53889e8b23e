// A clone with nothing beside it must pass its own tests: no test, benchmark or script may read
// files from outside the repository (such as the team's shared/ folder).
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '..');
const outside = new RegExp(['\\.\\./', 'shared', '(/|\\b)'].join(''));

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' || e.name === 'dist' ? [] : sources(p);
    return /\.(ts|tsx|js|mjs|sh)$/.test(e.name) ? [p] : [];
  });
}

describe('repository boundary', () => {
  it('reads no files from a folder beside the repository', () => {
    const offenders = ['src', 'tests', 'bench', 'scripts', 'bin', 'web/src']
      .flatMap((d) => sources(join(root, d)))
      .filter((f) => outside.test(readFileSync(f, 'utf8')))
      .map((f) => relative(root, f));
    expect(offenders).toEqual([]);
  });
});

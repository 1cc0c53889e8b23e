import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { check } from '../check.ts';
import type { CheckContext, Finding } from '../types.ts';

export const repoRoot = resolve(fileURLToPath(new URL('../../../../', import.meta.url)));

export function seed(name: string): string {
  return readFileSync(resolve(repoRoot, 'tests/fixtures/reports', name), 'utf8');
}

export function run(rule: string, text: string, ctx: CheckContext = {}): Finding[] {
  return check(text, { ...ctx, rules: [rule] });
}

// docs/security.md promises only what a test proves: every row of its tables names at least one test
// file that exists, and every test it names by title is in that file.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '..');
const doc = readFileSync(join(root, 'docs/security.md'), 'utf8');

/** The proof cell of each table row (the last column), with the row's first cell for messages. */
function proofCells(): Array<{ promise: string; proof: string }> {
  return doc
    .split('\n')
    .filter((l) => l.startsWith('| ') && !/^\|\s*(承诺|-)/.test(l))
    .map((l) => {
      const cells = l
        .split('|')
        .slice(1, -1)
        .map((c) => c.trim());
      return { promise: cells[0] ?? '', proof: cells.at(-1) ?? '' };
    });
}

/** `file` › title、title；`file` … → the titles each file must contain ('…' ends a prefix). */
function citations(proof: string): Array<{ file: string; titles: string[] }> {
  return proof
    .split('；')
    .map((part) => {
      const m = /`([^`]+\.test\.ts)`(?:\s*›\s*(.*))?/.exec(part);
      if (!m) return null;
      const titles = (m[2] ?? '')
        .split('、')
        .map((t) => t.replace(/（[^（）]*）\s*$/, '').trim())
        .filter((t) => t && !/^[（(]/.test(t));
      return { file: m[1] ?? '', titles };
    })
    .filter((c): c is { file: string; titles: string[] } => c !== null);
}

describe('docs/security.md', () => {
  const rows = proofCells();

  it('has promises, each with at least one test file', () => {
    expect(rows.length).toBeGreaterThan(40);
    const unproved = rows.filter((r) => citations(r.proof).length === 0).map((r) => r.promise);
    expect(unproved).toEqual([]);
  });

  it('names only test files that exist and test titles that are in them', () => {
    const missing: string[] = [];
    for (const { promise, proof } of rows) {
      for (const { file, titles } of citations(proof)) {
        const path = join(root, file);
        if (!existsSync(path)) {
          missing.push(`${promise}: ${file} 不存在`);
          continue;
        }
        // Titles in the source may be split across lines or use typographic quotes as written.
        const source = readFileSync(path, 'utf8').replace(/\s+/g, ' ');
        for (const title of titles) {
          const text = title.replace(/…$/, '').split(' › ').at(-1) ?? '';
          if (!source.includes(text)) missing.push(`${promise}: ${file} 中没有「${text}」`);
        }
      }
    }
    expect(missing).toEqual([]);
  });
});

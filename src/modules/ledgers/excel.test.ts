// The import's progress reports: phases in order, each from 0 to its total, and the old callers (no
// listener, the CLI's onWriteStart) unchanged. A real SQLite database with the demo county.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedIn, startTestApp, type TestContext } from '../../../tests/support/app.ts';
import { RECONSIDERATION_HEADERS, reconsiderationRows, xlsxFrom } from '../../../tests/support/xlsx.ts';
import { ledger } from '../../domain/ledgers/index.ts';
import { type AuthContext, actorOf, loadAuthUser } from '../auth/context.ts';
import { type ImportProgress, ImportRejected, parseImport, writeImport } from './excel.ts';

const def = ledger('reconsideration');

/** Checks one phase's reports: the first at 0, never going back, the last (and only it) at the total. */
function checkPhase(events: ImportProgress[], phase: ImportProgress['phase'], total: number): number[] {
  const mine = events.filter((e) => e.phase === phase);
  expect(mine.length, phase).toBeGreaterThanOrEqual(2);
  expect(
    mine.every((e) => e.total === total),
    phase,
  ).toBe(true);
  const done = mine.map((e) => e.done);
  expect(done[0], phase).toBe(0);
  expect(done, phase).toEqual([...done].sort((a, b) => a - b));
  expect(
    done.filter((d) => d === total),
    phase,
  ).toHaveLength(1);
  expect(done.at(-1), phase).toBe(total);
  return done;
}

describe('Excel import progress', () => {
  let t: TestContext;
  let auth: AuthContext;

  beforeAll(async () => {
    t = await startTestApp('sqlite');
    const c = await signedIn(t.app, 'coordinator');
    const me = await c.get<{ user: { id: string } }>('/api/me');
    const loaded = (await loadAuthUser(t.database.db, me.body.user.id))!;
    auth = {
      sessionId: 'test',
      csrfToken: 'test',
      stage: 'active',
      user: loaded.user,
      roles: loaded.roles,
      permissions: new Set(loaded.roles.flatMap((r) => r.permissions)),
      needsTotpSetup: false,
    };
  });
  afterAll(async () => {
    await t?.close();
  });
  /** The blank 填报单位 rows went to the unit chosen for the import (here the coordinator's own). */
  const chosenUnit = (rows: number) => ({
    id: auth.user.unitId,
    name: auth.user.unitName,
    rows,
    chosen: true,
  });

  it('reports parse, validate and write in order, each from 0 to its end count', async () => {
    const file = await xlsxFrom(RECONSIDERATION_HEADERS, reconsiderationRows(2019, 1200, 100, 'P'));
    const events: ImportProgress[] = [];
    const parsed = await parseImport(def, file, (p) => events.push(p));
    expect(parsed.rows).toHaveLength(1200);
    let writeStarts = 0;
    const result = await writeImport(
      t.database,
      auth,
      actorOf(auth, '127.0.0.1', 'test'),
      def,
      parsed,
      auth.user.unitId,
      'progress.xlsx',
      () => {
        writeStarts += 1;
      },
      (p) => events.push(p),
    );
    expect(result).toEqual({ rows: 1200, created: 1200, updated: 0, blankUnit: chosenUnit(1200) });
    expect(writeStarts).toBe(1);
    // Phases never interleave: all of parse, then all of validate, then all of write.
    const order = events.map((e) => e.phase).filter((p, i, all) => p !== all[i - 1]);
    expect(order).toEqual(['parse', 'validate', 'write']);
    // Loading the workbook is one library call: its start and its end, in bytes.
    expect(checkPhase(events, 'parse', file.length)).toEqual([0, file.length]);
    const validate = checkPhase(events, 'validate', 1200);
    // Throttled: one report per 250 rows at most, plus those the 100 ms clock allows.
    expect(validate.length).toBeLessThanOrEqual(1200 / 250 + 2 + 20);
    const write = checkPhase(events, 'write', 1200);
    // Inserts are reported per chunk of 500 rows.
    expect(write).toEqual([0, 500, 1000, 1200]);

    // Re-import: every row is an update, counted as it is written.
    const updates: ImportProgress[] = [];
    const again = await writeImport(
      t.database,
      auth,
      actorOf(auth, '127.0.0.1', 'test'),
      def,
      await parseImport(def, file),
      auth.user.unitId,
      'progress.xlsx',
      undefined,
      (p) => updates.push(p),
    );
    expect(again).toEqual({ rows: 1200, created: 0, updated: 1200, blankUnit: chosenUnit(1200) });
    expect(updates.every((e) => e.phase === 'write')).toBe(true);
    expect(checkPhase(updates, 'write', 1200).length).toBeGreaterThanOrEqual(3);
  });

  it('ends the validate phase before refusing a file with a bad row', async () => {
    const rows = reconsiderationRows(2019, 300, 0, 'Q');
    rows[120]![4] = '2019-02-30';
    const events: ImportProgress[] = [];
    const refused = await parseImport(def, await xlsxFrom(RECONSIDERATION_HEADERS, rows), (p) =>
      events.push(p),
    ).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ImportRejected);
    expect((refused as ImportRejected).errors).toEqual([expect.objectContaining({ row: 122 })]);
    checkPhase(events, 'validate', 300);
    expect(events.some((e) => e.phase === 'write')).toBe(false);
  });

  it('works without a listener, as the CLI and the benchmark call it', async () => {
    const parsed = await parseImport(
      def,
      await xlsxFrom(RECONSIDERATION_HEADERS, reconsiderationRows(2019, 3, 1, 'R')),
    );
    const result = await writeImport(
      t.database,
      auth,
      actorOf(auth, null, null),
      def,
      parsed,
      auth.user.unitId,
      'plain.xlsx',
    );
    expect(result).toEqual({ rows: 3, created: 3, updated: 0, blankUnit: chosenUnit(3) });
  });
});

// Report proofreading for the web: check pasted or uploaded text, with the administrator's changes to
// the word lists applied, and figures compared with the platform's own ledgers when asked.
import { z } from 'zod';
import { type Database, nowIso } from '../../db/index.ts';
import {
  type CheckContext,
  check,
  extractFacts,
  type LedgerFigure,
  RULES,
} from '../../domain/proofread/index.ts';
import { metricName } from '../../domain/proofread/metric-names.ts';
import { PROHIBITED_CATEGORIES } from '../../domain/proofread/rules/prohibited.ts';
import { staleVersion } from '../../server/errors.ts';
import { type Actor, appendAudit } from '../audit/service.ts';
import type { AuthContext } from '../auth/context.ts';
import { computeIndicators } from '../ledgers/indicators.ts';

const KEY = 'proofread.wordlists';

export const wordListsSchema = z.object({
  prohibited: z.object({
    add: z
      .array(
        z.object({
          word: z.string().trim().min(1, { error: '词语不能为空' }).max(40),
          category: z.enum(PROHIBITED_CATEGORIES.map((c) => c.id) as [string, ...string[]], {
            error: '类别不正确',
          }),
          always: z.boolean().optional(),
        }),
      )
      .max(2000),
    remove: z.array(z.string().trim().min(1).max(40)).max(2000),
  }),
});
export type WordLists = z.infer<typeof wordListsSchema>;

export async function getWordLists(database: Database): Promise<WordLists & { version: number }> {
  const row = await database.db
    .selectFrom('settings')
    .select(['value', 'version'])
    .where('key', '=', KEY)
    .executeTakeFirst();
  if (!row) return { prohibited: { add: [], remove: [] }, version: 0 };
  const parsed = wordListsSchema.safeParse(JSON.parse(row.value));
  return {
    ...(parsed.success ? parsed.data : { prohibited: { add: [], remove: [] } }),
    version: row.version,
  };
}

export async function updateWordLists(database: Database, actor: Actor, next: WordLists, version: number) {
  await database.db.transaction().execute(async (trx) => {
    const row = await trx
      .selectFrom('settings')
      .select(['value', 'version'])
      .where('key', '=', KEY)
      .executeTakeFirst();
    if ((row?.version ?? 0) !== version) throw staleVersion();
    const value = JSON.stringify(next);
    if (row) {
      await trx
        .updateTable('settings')
        .set({ value, version: version + 1, updated_at: nowIso() })
        .where('key', '=', KEY)
        .where('version', '=', version)
        .execute();
    } else {
      await trx
        .insertInto('settings')
        .values({ key: KEY, value, version: 1, updated_at: nowIso() })
        .execute();
    }
    await appendAudit(trx, database, actor, {
      action: 'proofread.wordlists.update',
      entityType: 'settings',
      entityId: KEY,
      before: row ? (JSON.parse(row.value) as Record<string, unknown>) : null,
      after: next,
    });
  });
  return getWordLists(database);
}

const RULE_TITLES = new Map(RULES.map((r) => [r.id, r.title]));

export interface ProofreadInput {
  text: string;
  year?: number | undefined;
  signedOn?: string | undefined;
  unitName?: string | undefined;
  halfWidthPunctuation?: 'flag' | 'allow' | 'consistent' | undefined;
  /** Compare stated figures with the ledgers of this unit (and below) for the report year. */
  compareUnit?: string | undefined;
}

export async function proofread(database: Database, auth: AuthContext, input: ProofreadInput) {
  const lists = await getWordLists(database);
  const ctx: CheckContext = {
    ...(input.year && { year: input.year }),
    ...(input.signedOn && { signedOn: input.signedOn }),
    ...(input.unitName && { unitName: input.unitName }),
    ...(input.halfWidthPunctuation && { houseStyle: { halfWidthPunctuation: input.halfWidthPunctuation } }),
    wordLists: { prohibited: lists.prohibited },
  };
  if (input.compareUnit !== undefined && input.year && auth.permissions.has('ledger:read')) {
    const ind = await computeIndicators(database, auth, {
      year: input.year,
      unit: input.compareUnit || undefined,
      subtree: true,
    });
    ctx.ledgerFigures = ind.items
      .filter((i) => i.value !== null)
      .map(
        (i): LedgerFigure => ({
          metric: i.id,
          // Rates as percentages and money in 元, the way reports state them.
          value: i.denominator !== null ? (i.value ?? 0) * 100 : i.money ? i.numerator / 100 : i.numerator,
          unit: i.unit,
          numerator: i.money ? i.numerator / 100 : i.numerator,
          ...(i.denominator !== null && { denominator: i.denominator }),
        }),
      );
  }
  const started = performance.now();
  // Each finding says which check found it (比率与数量不符 / 与台账数据不符…), so two findings on the same
  // words read as two different problems; each figure names its indicator in Chinese, not by id.
  const findings = check(input.text, ctx).map((f) => ({ ...f, title: RULE_TITLES.get(f.rule) ?? f.rule }));
  const facts = extractFacts(input.text).map((f) =>
    f.metric ? { ...f, metricName: metricName(f.metric) } : f,
  );
  const bySeverity = { 严重: 0, 一般: 0, 提示: 0 };
  for (const f of findings) bySeverity[f.severity] += 1;
  return {
    findings,
    facts,
    summary: { characters: input.text.length, ...bySeverity, ms: Math.round(performance.now() - started) },
    comparedWithLedgers: ctx.ledgerFigures !== undefined,
  };
}

// The registry of ledger definitions (台账).

import type { LedgerDef } from './define.ts';
import { enforcementAnnual } from './enforcement-annual.ts';
import { enforcementBody } from './enforcement-body.ts';
import { enforcementOfficer } from './enforcement-officer.ts';
import { enforcementTraining } from './enforcement-training.ts';
import { legalAdviser } from './legal-adviser.ts';
import { legalAid } from './legal-aid.ts';
import { legalityReview } from './legality-review.ts';
import { litigation } from './litigation.ts';
import { majorDecision } from './major-decision.ts';
import { mediationCase } from './mediation-case.ts';
import { mediationMonthly } from './mediation-monthly.ts';
import { mediationOrg } from './mediation-org.ts';
import { mediator } from './mediator.ts';
import { modelUnit } from './model-unit.ts';
import { normativeDoc } from './normative-doc.ts';
import { notarization } from './notarization.ts';
import { publicity } from './publicity.ts';
import { reconsideration } from './reconsideration.ts';

export const LEDGERS: LedgerDef[] = [
  reconsideration,
  litigation,
  mediationCase,
  mediationMonthly,
  mediationOrg,
  mediator,
  legalAid,
  notarization,
  legalAdviser,
  legalityReview,
  normativeDoc,
  majorDecision,
  enforcementBody,
  enforcementOfficer,
  enforcementTraining,
  enforcementAnnual,
  publicity,
  modelUnit,
];

export function assertUniqueKeys(defs: readonly LedgerDef[]): void {
  const seen = new Set<string>();
  for (const d of defs) {
    if (seen.has(d.key)) throw new Error(`duplicate ledger key ${d.key}`);
    seen.add(d.key);
  }
}

assertUniqueKeys(LEDGERS);

const BY_KEY: ReadonlyMap<string, LedgerDef> = new Map(LEDGERS.map((d) => [d.key, d]));

/** The ledger with this key; throws on an unknown key (use `findLedger` to probe). */
export function ledger(key: string): LedgerDef {
  const d = BY_KEY.get(key);
  if (!d) throw new Error(`unknown ledger ${key}`);
  return d;
}

export function findLedger(key: string): LedgerDef | undefined {
  return BY_KEY.get(key);
}

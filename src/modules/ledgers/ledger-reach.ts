// Which ledgers concern the caller: those kept by their own unit, and those kept by some unit within
// their data scope (a coordinator reads every ledger; a township reporter only the township's).

import type { Database } from '../../db/index.ts';
import type { LedgerDef } from '../../domain/ledgers/define.ts';
import { keepsLedger } from '../../domain/ledgers/kept-by.ts';
import type { AuthContext } from '../auth/context.ts';
import { unitsInScope } from '../org/scope.ts';

export interface LedgerReach {
  myUnitType: string | null;
  /** Kinds of enabled unit the caller may read and write (the same set, see unitsInScope). */
  scopeTypes: ReadonlySet<string>;
  canEdit: boolean;
}

export async function ledgerReach(database: Database, auth: AuthContext): Promise<LedgerReach> {
  const own = await database.db
    .selectFrom('units')
    .select('type')
    .where('id', '=', auth.user.unitId)
    .executeTakeFirst();
  const inScope = await database.db
    .selectFrom('units')
    .select('type')
    .distinct()
    .where(unitsInScope(auth))
    .where('disabled', '=', 0)
    .execute();
  return {
    myUnitType: own?.type ?? null,
    scopeTypes: new Set(inScope.map((u) => u.type)),
    canEdit: auth.permissions.has('ledger:edit'),
  };
}

export function ledgerFlags(def: LedgerDef, reach: LedgerReach) {
  const keptByMyUnit = reach.myUnitType !== null && keepsLedger(def, reach.myUnitType);
  const inMyScope = keptByMyUnit || [...reach.scopeTypes].some((t) => keepsLedger(def, t));
  return { keptByMyUnit, inMyScope, canCreate: reach.canEdit && inMyScope };
}

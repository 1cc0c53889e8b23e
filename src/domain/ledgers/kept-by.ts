// Which kinds of unit keep a ledger (LedgerDef.keptBy), in words a user reads.

import { UNIT_TYPES, type UnitType } from '../org/unit-types.ts';
import type { LedgerDef } from './define.ts';

export function keepsLedger(def: LedgerDef, unitType: string): boolean {
  return (def.keptBy as readonly string[]).includes(unitType);
}

/** 「政府、依法治县办/司法局」 */
export function keptByNames(def: LedgerDef): string {
  return def.keptBy.map((t: UnitType) => UNIT_TYPES[t]).join('、');
}

/** Why a record of this ledger cannot be entered in that unit. */
export function notKeptMessage(def: LedgerDef, unitName: string): string {
  return `「${def.title}」台账由${keptByNames(def)}填报，${unitName}不填报此台账，不能在该单位新增记录`;
}

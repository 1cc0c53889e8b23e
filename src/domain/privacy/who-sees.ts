// Who sees a record's personal data in clear: the people who keep the record and those whose duty is to
// read it. One rule for the list, the record drawer, the export and the search; everyone else sees the
// masked forms of mask.ts.
//
// - `pii:read` (依法治县办): every record in their data scope.
// - `ledger:edit` (填报员, 审核人): the records of their own unit, and the records they entered themselves —
//   the unit that keeps a 调解 or 复议 file needs the parties' names to work on it.
// - Everyone else (领导, higher levels, an approver looking at a subordinate unit's records): masked.

export type PiiAccess = 'all' | 'kept' | 'none';

export function piiAccess(permissions: ReadonlySet<string>): PiiAccess {
  if (permissions.has('pii:read')) return 'all';
  if (permissions.has('ledger:edit')) return 'kept';
  return 'none';
}

export interface Keeper {
  userId: string;
  unitId: string;
}

export function seesPiiOf(
  access: PiiAccess,
  viewer: Keeper,
  record: { unitId: string; createdBy: string | null },
): boolean {
  if (access === 'all') return true;
  if (access === 'none') return false;
  return record.unitId === viewer.unitId || record.createdBy === viewer.userId;
}

/** Why a keyword search skips personal data for this user, or null when it searches all of it. */
export function searchHint(access: PiiAccess, scopeBeyondOwnUnit: boolean): string | null {
  if (access === 'none') return '姓名等个人信息不参与检索：您无权查看个人信息';
  if (access === 'kept' && scopeBeyondOwnUnit)
    return '姓名等个人信息只在本单位的记录中参与检索：您无权查看其他单位记录中的个人信息';
  return null;
}

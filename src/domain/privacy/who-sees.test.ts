import { describe, expect, it } from 'vitest';
import { piiAccess, searchHint, seesPiiOf } from './who-sees.ts';

describe('who sees personal data in clear', () => {
  const viewer = { userId: 'u1', unitId: 'town' };
  it('pii:read sees all, keepers their own unit and own entries, others nothing', () => {
    expect(piiAccess(new Set(['pii:read', 'ledger:read']))).toBe('all');
    expect(piiAccess(new Set(['ledger:edit']))).toBe('kept');
    expect(piiAccess(new Set(['ledger:read']))).toBe('none');
    expect(seesPiiOf('kept', viewer, { unitId: 'town', createdBy: null })).toBe(true);
    expect(seesPiiOf('kept', viewer, { unitId: 'village', createdBy: 'u1' })).toBe(true);
    expect(seesPiiOf('kept', viewer, { unitId: 'village', createdBy: 'u2' })).toBe(false);
    expect(seesPiiOf('none', viewer, { unitId: 'town', createdBy: 'u1' })).toBe(false);
    expect(seesPiiOf('all', viewer, { unitId: 'x', createdBy: null })).toBe(true);
  });
  it('hints only where personal data is left out of the search', () => {
    expect(searchHint('all', true)).toBeNull();
    expect(searchHint('kept', false)).toBeNull();
    expect(searchHint('kept', true)).toContain('只在本单位');
    expect(searchHint('none', false)).toBe('姓名等个人信息不参与检索：您无权查看个人信息');
  });
});

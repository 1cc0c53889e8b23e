import { describe, expect, it } from 'vitest';
import {
  AUDIT_KEY_ENABLED_ACTION,
  type AuditFields,
  auditMac,
  diffFields,
  GENESIS_HASH,
  legacyAuditHash,
  verifyChain,
} from './audit-chain.ts';
import { passwordProblem } from './password-policy.ts';
import { BUILTIN_ROLES, conflictingDuties, dutyOfPermissions, widestScope } from './permissions.ts';

describe('password policy', () => {
  it('accepts 8+ characters from 3 of 4 classes', () => {
    expect(passwordProblem('Abcdefg1')).toBeNull();
    expect(passwordProblem('abcdef1!')).toBeNull();
  });
  it('refuses short passwords, too few classes, and the username inside', () => {
    expect(passwordProblem('Ab1!')).toContain('至少 8 位');
    expect(passwordProblem('abcdefgh1')).toContain('至少 3 类');
    expect(passwordProblem('Zhangsan#2026', undefined, 'zhangsan')).toContain('用户名');
  });
});

describe('roles and duties', () => {
  it('the built-in administrator roles each hold exactly one duty', () => {
    for (const code of ['sysadmin', 'secadmin', 'auditor']) {
      const role = BUILTIN_ROLES.find((r) => r.code === code)!;
      expect(dutyOfPermissions(role.permissions)).toEqual({ duty: role.duty });
    }
  });
  it('business roles hold no duty', () => {
    for (const role of BUILTIN_ROLES.filter((r) => r.duty === null))
      expect(dutyOfPermissions(role.permissions)).toEqual({ duty: null });
  });
  it('refuses two duties on one account or one role', () => {
    expect(conflictingDuties([{ duty: 'sysadmin' }, { duty: 'auditor' }])).toContain('不能由同一账户兼任');
    expect(conflictingDuties([{ duty: 'sysadmin' }, { duty: null }])).toBeNull();
    expect(dutyOfPermissions(['audit:read', 'sec:role:edit'])).toHaveProperty('error');
  });
  it('reports the widest scope', () => {
    expect(widestScope(['unit', 'subtree'])).toBe('subtree');
    expect(widestScope([])).toBeNull();
  });
});

describe('audit hash chain', () => {
  const key = Buffer.from('test-audit-key-test-audit-key-0123456789');
  type Row = AuditFields & { hash: string };
  const field = (i: number, prev: string, action = 'x'): AuditFields => ({
    seq: i,
    id: `id${i}`,
    at: `2026-01-0${i}T00:00:00.000Z`,
    user_id: 'u',
    username: 'a',
    unit_id: null,
    unit_name: null,
    action,
    entity_type: null,
    entity_id: null,
    changes: null,
    ip: null,
    user_agent: null,
    prev_hash: prev,
  });
  /** Seals rows from `from` (0-based) to the end again, as `seal` computes a record's hash. */
  const reseal = (rows: Row[], from: number, seal: (f: AuditFields) => string): void => {
    for (let i = from; i < rows.length; i += 1) {
      const f = { ...rows[i]!, prev_hash: i === 0 ? GENESIS_HASH : rows[i - 1]!.hash };
      rows[i] = { ...f, hash: seal(f) };
    }
  };
  const make = (n: number, seal: (f: AuditFields) => string = (f) => auditMac(key, f)): Row[] => {
    const out: Row[] = [];
    for (let i = 1; i <= n; i += 1) out.push({ ...field(i, GENESIS_HASH), hash: '' });
    reseal(out, 0, seal);
    return out;
  };
  it('verifies an intact chain', () => {
    expect(verifyChain(key, make(5))).toBeNull();
  });
  it('names the first changed, removed or reordered record', () => {
    const changed = make(5);
    changed[2] = { ...changed[2]!, username: 'b' };
    expect(verifyChain(key, changed)?.seq).toBe(3);
    const removed = make(5);
    removed.splice(1, 1);
    expect(verifyChain(key, removed)?.seq).toBe(3);
    const rehashed = make(5);
    rehashed[1] = { ...rehashed[1]!, action: 'y' };
    rehashed[1].hash = auditMac(key, rehashed[1]);
    expect(verifyChain(key, rehashed)?.seq).toBe(3);
  });
  it('names the changed record when every later one is recomputed without the key', () => {
    const recomputed = make(6);
    recomputed[2] = { ...recomputed[2]!, username: 'b' };
    reseal(recomputed, 2, legacyAuditHash);
    expect(verifyChain(key, recomputed)?.seq).toBe(3);
    const withOtherKey = make(6);
    reseal(withOtherKey, 2, (f) => auditMac(Buffer.from('another-key-another-key-another-key!'), f));
    expect(verifyChain(key, withOtherKey)?.seq).toBe(3);
  });
  it('accepts unkeyed records only as a prefix that a keyed record closes', () => {
    const upgraded = make(4, legacyAuditHash);
    upgraded.push({ ...field(5, upgraded[3]!.hash, AUDIT_KEY_ENABLED_ACTION), hash: '' });
    upgraded[4]!.hash = auditMac(key, upgraded[4]!);
    expect(verifyChain(key, upgraded)).toBeNull();
    const allUnkeyed = make(5, legacyAuditHash);
    expect(verifyChain(key, allUnkeyed)?.reason).toContain('没有一条带审计密钥校验码');
    const legacyEdited = [...upgraded];
    legacyEdited[1] = { ...legacyEdited[1]!, username: 'b' };
    reseal(legacyEdited, 1, legacyAuditHash);
    expect(verifyChain(key, legacyEdited)?.seq).toBe(5);
  });
  it('records only the fields that changed, hiding secrets', () => {
    expect(
      diffFields(
        { a: 1, b: 2, password_hash: 'x', version: 1 },
        { a: 1, b: 3, password_hash: 'y', version: 2 },
      ),
    ).toEqual({
      b: { before: 2, after: 3 },
      password_hash: { before: '***', after: '***' },
    });
  });
});

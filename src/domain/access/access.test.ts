import { describe, expect, it } from 'vitest';
import { type AuditFields, auditHash, diffFields, GENESIS_HASH, verifyChain } from './audit-chain.ts';
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
  const make = (n: number): Array<AuditFields & { hash: string }> => {
    const out: Array<AuditFields & { hash: string }> = [];
    let prev = GENESIS_HASH;
    for (let i = 1; i <= n; i += 1) {
      const f: AuditFields = {
        seq: i,
        id: `id${i}`,
        at: `2026-01-0${i}T00:00:00.000Z`,
        user_id: 'u',
        username: 'a',
        unit_id: null,
        unit_name: null,
        action: 'x',
        entity_type: null,
        entity_id: null,
        changes: null,
        ip: null,
        user_agent: null,
        prev_hash: prev,
      };
      const hash = auditHash(f);
      out.push({ ...f, hash });
      prev = hash;
    }
    return out;
  };
  it('verifies an intact chain', () => {
    expect(verifyChain(make(5))).toBeNull();
  });
  it('names the first changed, removed or reordered record', () => {
    const changed = make(5);
    changed[2] = { ...changed[2]!, username: 'b' };
    expect(verifyChain(changed)?.seq).toBe(3);
    const removed = make(5);
    removed.splice(1, 1);
    expect(verifyChain(removed)?.seq).toBe(3);
    const rehashed = make(5);
    rehashed[1] = { ...rehashed[1]!, action: 'y' };
    rehashed[1].hash = auditHash(rehashed[1]);
    expect(verifyChain(rehashed)?.seq).toBe(3);
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

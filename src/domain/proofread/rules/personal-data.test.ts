import { describe, expect, it } from 'vitest';
import { run } from '../test/helpers.ts';
import { idChecksumOk } from './personal-data.ts';

describe('personal-data', () => {
  it('flags mobile numbers with a masked suggestion', () => {
    const f = run('personal-data', '联系人张三,电话13812341234。');
    expect(f[0]).toMatchObject({ severity: '严重', excerpt: '13812341234', suggestion: '138****1234' });
  });
  it('flags ID numbers, 严重 when the checksum is valid', () => {
    expect(idChecksumOk('11010519491231002X')).toBe(true);
    const f = run('personal-data', '当事人身份证号11010519491231002X。');
    expect(f[0]).toMatchObject({ severity: '严重', suggestion: '11*************02X' });
    expect(run('personal-data', '号码110105194912310021。')[0]?.severity).toBe('一般');
  });
  it('ignores masked numbers, hotlines and codes', () => {
    expect(run('personal-data', '电话138****1234,热线12345,索引号tanchengsfj/2024-0000017。')).toEqual([]);
  });
});

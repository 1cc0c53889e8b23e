import { describe, expect, it } from 'vitest';
import { maskIdNumber, maskName, maskPhone } from './mask.ts';

describe('masking personal data', () => {
  it('masks mobile numbers as 138****1234', () => {
    expect(maskPhone('13812341234')).toBe('138****1234');
  });
  it('keeps at most the first 2 and last 3 characters of an ID number', () => {
    expect(maskIdNumber('430421199001011234')).toBe('43*************234');
  });
  it('keeps the family name only', () => {
    expect(maskName('张三丰')).toBe('张**');
  });
});

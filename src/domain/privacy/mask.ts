// Masking of personal data for lists and public pages: phones as 138****1234, ID numbers keep at
// most the first 2 and last 3 characters, names keep the family name.

export function maskPhone(phone: string): string {
  const digits = phone.replace(/\s|-/g, '');
  if (/^1\d{10}$/.test(digits)) return `${digits.slice(0, 3)}****${digits.slice(7)}`;
  if (digits.length <= 4) return '*'.repeat(digits.length);
  return `${digits.slice(0, 2)}${'*'.repeat(digits.length - 4)}${digits.slice(-2)}`;
}

export function maskIdNumber(id: string): string {
  const s = id.trim();
  if (s.length <= 5) return '*'.repeat(s.length);
  return `${s.slice(0, 2)}${'*'.repeat(s.length - 5)}${s.slice(-3)}`;
}

export function maskName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length <= 1) return chars.join('');
  return `${chars[0]}${'*'.repeat(chars.length - 1)}`;
}

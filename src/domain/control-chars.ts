// Tab, LF and CR are ordinary text; every other C0 control character and DEL is refused wherever text
// enters the platform (API input, imported cells): PostgreSQL cannot store NUL in text, and none of them
// belongs in a county's records or reports.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const CONTROL_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

export function hasControlChars(s: string): boolean {
  return CONTROL_CHARS.test(s);
}

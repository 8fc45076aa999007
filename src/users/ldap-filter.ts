/**
 * The LDAP strings built from what a caller typed: a search filter (RFC 4515) and a DN (RFC 4514), each with the
 * login escaped so that `*)(uid=*` is a name, never filter syntax (LDAP injection). Pure.
 */

/** A filter assertion value: `*`, `(`, `)`, `\` and NUL as \XX, so the value matches itself only. */
export function escapeFilterValue(value: string): string {
  return value.replace(/[*()\\\0]/g, (c) => `\\${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

/** An attribute value inside a DN: the special characters backslash-escaped, a leading # or space and a trailing space too, NUL as \00. */
export function escapeDnValue(value: string): string {
  const escaped = value.replace(/[\\,+"<>;=]/g, (c) => `\\${c}`).replace(/\0/g, '\\00');
  return escaped.replace(/^([ #])/, '\\$1').replace(/ $/, '\\ ');
}

/** `pattern` with every `{0}` replaced by `value`, escaped for where the pattern is used. */
export function fillPattern(pattern: string, value: string, kind: 'filter' | 'dn'): string {
  const escaped = kind === 'filter' ? escapeFilterValue(value) : escapeDnValue(value);
  return pattern.split('{0}').join(escaped);
}

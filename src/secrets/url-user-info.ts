/**
 * Credentials inside URLs (http://user:password@host, https://token@host): the password (or a lone user name,
 * which is then a token) is a secret whatever the setting's name. The authority of a URL ends at / ? # (or a list
 * separator, a quote or white space); its user-info at the last @ before that.
 */
import { REDACTED } from './redacted.js';

const USER_INFO = /([a-z][a-z0-9+.-]*:\/\/)([^\s/?#,;"'<>]*)@/gi;

/** The text with every URL's password (or lone user name) replaced by ********: http://user:********@host. */
export function redactUrlUserInfo(text: string): string {
  if (!text.includes('://')) return text;
  return text.replace(USER_INFO, (_m, scheme: string, info: string) => {
    const colon = info.indexOf(':');
    return `${scheme}${colon < 0 ? REDACTED : `${info.slice(0, colon)}:${REDACTED}`}@`;
  });
}

export function hasUrlUserInfo(text: string): boolean {
  return text.includes('://') && redactUrlUserInfo(text) !== text;
}

/** The secret parts of the URLs in a text (raw and percent-decoded), to scrub them wherever they appear alone. */
export function urlCredentials(text: string): string[] {
  if (!text.includes('://')) return [];
  const out: string[] = [];
  for (const m of text.matchAll(USER_INFO)) {
    const info = m[2]!;
    const colon = info.indexOf(':');
    const secret = colon < 0 ? info : info.slice(colon + 1);
    if (!secret || secret === REDACTED) continue;
    out.push(secret);
    const decoded = safeDecode(secret);
    if (decoded !== secret) out.push(decoded);
  }
  return out;
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

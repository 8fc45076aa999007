/** HTTP Basic: the credentials an Authorization header carries. */

/** The name and password of an `Authorization: Basic …` header; undefined when the header is not that. */
export function basicCredentials(header: string): { name: string; password: string } | undefined {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)$/i.exec(header);
  const decoded = match ? Buffer.from(match[1], 'base64').toString('utf8') : '';
  const sep = decoded.indexOf(':');
  return sep > 0 ? { name: decoded.slice(0, sep), password: decoded.slice(sep + 1) } : undefined;
}

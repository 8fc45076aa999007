/**
 * A host as the clients here connect to it. Every HTTP client of the sinks parses its URL with the WHATWG URL
 * parser, and the system resolver reads an IPv4 address in the same spellings (2130706433, 0x7f.1, 0177.0.0.1,
 * 127.1), so a host is normalised by that parser: names lower-cased (and punycoded), IPv4 in dotted decimal,
 * IPv6 in brackets and compressed. Then trailing dots are dropped (`localhost.` is `localhost`) and an IPv4-mapped
 * IPv6 address ([::ffff:127.0.0.1]) becomes the IPv4 address it reaches.
 */

const MAPPED_IPV4 = /^\[::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})\]$/;

/** `raw` (a host without port) normalised, or undefined when it is not a host. */
export function normalHost(raw: string): string | undefined {
  // Characters that would end the host or start another part of the URL: what follows would not be the host.
  if (raw === '' || /[\s/?#@\\%]/.test(raw.replace(/%[0-9a-f]{2}/gi, 'x'))) return undefined;
  // A colon outside brackets would be a port (an IPv6 address is written in brackets).
  if (raw.startsWith('[') ? !raw.endsWith(']') : raw.includes(':')) return undefined;
  let url: URL;
  try {
    url = new URL(`http://${raw}/`);
  } catch {
    return undefined;
  }
  if (url.host !== url.hostname) return undefined; // it held a port
  const mapped = MAPPED_IPV4.exec(url.hostname);
  if (mapped) {
    const [hi, lo] = [parseInt(mapped[1]!, 16), parseInt(mapped[2]!, 16)];
    return `${hi >> 8}.${hi & 0xff}.${lo >> 8}.${lo & 0xff}`;
  }
  if (url.hostname.startsWith('[')) return url.hostname;
  const host = url.hostname.replace(/\.+$/, '');
  // What a resolver takes as a name (punycode included); the parser lets through more (* ! $ & ...), which no client should meet.
  if (!/^[a-z0-9_.-]+$/.test(host)) return undefined;
  // Without its trailing dots a name may read as an IPv4 address again ("127.0.0.1.." is 127.0.0.1 to the resolver).
  return host === url.hostname ? host : normalHost(host);
}

/** `host:port` ([v6]:port for IPv6). */
export function hostPort(host: string, port: number | string): string {
  return `${host}:${port}`;
}

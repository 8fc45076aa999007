/**
 * Where LLM fields may send prompts (pure): DATAGEN_LLM_ALLOWED_URLS, comma-separated URL prefixes, plus the
 * deployment's own default URLs (DATAGEN_LLM_OLLAMA_URL, DATAGEN_LLM_OPENAI_URL, else OpenAI's public API). An uploaded
 * model naming any other host is refused (SSRF); loopback is reachable only when the operator names it. A URL matches
 * a prefix with the same scheme, host and port and a path below the prefix's; URLs holding user info never match.
 */
import { BadRequestError } from '../errors.js';

export const DEFAULT_OPENAI_URL = 'https://api.openai.com/v1';

export class LlmUrlRefused extends BadRequestError {}

interface Prefix {
  origin: string;
  path: string;
}

function parse(raw: string): URL | undefined {
  try {
    const u = new URL(raw.trim());
    return (u.protocol === 'http:' || u.protocol === 'https:') && !u.username && !u.password ? u : undefined;
  } catch {
    return undefined;
  }
}

const dir = (p: string) => (p.endsWith('/') ? p : `${p}/`);

/** The allowed prefixes from the service's configuration (never from a command's properties). */
export function llmUrlPrefixes(configured: Readonly<Record<string, string | undefined>>): string[] {
  const listed = (configured.DATAGEN_LLM_ALLOWED_URLS ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  const own = [configured.DATAGEN_LLM_OLLAMA_URL, configured.DATAGEN_LLM_OPENAI_URL ?? DEFAULT_OPENAI_URL].filter((v): v is string => !!v?.trim());
  for (const p of listed) if (!parse(p)) throw new Error(`DATAGEN_LLM_ALLOWED_URLS: "${p}" is not an http(s) URL without user info`);
  return [...new Set([...listed, ...own].map((p) => parse(p)?.href).filter((v): v is string => !!v))];
}

export function llmUrlAllowed(url: string, prefixes: readonly string[]): boolean {
  const u = parse(url);
  if (!u) return false;
  return prefixes.some((raw) => {
    const p = parse(raw);
    if (!p) return false;
    const prefix: Prefix = { origin: p.origin, path: dir(p.pathname) };
    return u.origin === prefix.origin && dir(u.pathname).startsWith(prefix.path);
  });
}

/** The endpoint as it may be shown: scheme, host and port only (a path or query may carry a key). */
export function llmEndpoint(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return 'an unreadable URL';
  }
}

export function assertLlmUrlAllowed(url: string, prefixes: readonly string[], where: string): void {
  if (llmUrlAllowed(url, prefixes)) return;
  throw new LlmUrlRefused(
    `${where} names LLM endpoint ${llmEndpoint(url)}, which this service may not call; the operator allows LLM URLs with DATAGEN_LLM_ALLOWED_URLS (comma-separated URL prefixes)`,
    { field: where, endpoint: llmEndpoint(url) },
  );
}

/**
 * A JSON POST to an LLM server: an HTTP error becomes LlmHttpError (429 and 5xx retried by retry.ts) and a failed
 * connection or time-out LlmUnreachable, each naming only the endpoint's origin (a path or query may hold a key).
 */
import { LlmHttpError, LlmUnreachable, retryAfterOf } from './retry.js';
import { llmEndpoint } from './url-policy.js';

export async function postJson(url: string, body: unknown, headers: Record<string, string>, signal: AbortSignal): Promise<unknown> {
  const endpoint = llmEndpoint(url);
  let res: Response;
  try {
    res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body), signal, redirect: 'error' });
  } catch (err) {
    const timedOut = (err as Error)?.name === 'TimeoutError' || signal.reason?.name === 'TimeoutError';
    throw new LlmUnreachable(timedOut ? `LLM endpoint ${endpoint} did not answer in time` : `LLM endpoint ${endpoint} is unreachable (${(err as Error & { cause?: { code?: string } })?.cause?.code ?? 'connection failed'})`);
  }
  const text = await res.text().catch(() => '');
  if (!res.ok) {
    // The server's own message helps (an unknown model); it is cut short and never holds our key.
    const said = text.replace(/\s+/g, ' ').slice(0, 200);
    throw new LlmHttpError(res.status, `LLM endpoint ${endpoint} answered ${res.status}${said ? `: ${said}` : ''}`, retryAfterOf(res.headers.get('retry-after')));
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new LlmHttpError(502, `LLM endpoint ${endpoint} answered something other than JSON`);
  }
}

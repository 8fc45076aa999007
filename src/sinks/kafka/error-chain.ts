/**
 * Whether an error, or one it wraps (cause, a kafkajs originalError, the errors of an AggregateError or of
 * @platformatic/kafka's MultipleErrors), matches: the clients wrap the broker's answer several layers deep
 * ("metadata failed 4 times" → "Cannot connect to any broker" → "Connection failed" → the SASL refusal).
 */
type Wrapping = { cause?: unknown; originalError?: unknown; errors?: unknown[] };

export function anyInChain(err: unknown, matches: (e: Record<string, unknown>) => boolean): boolean {
  const queue: unknown[] = [err];
  for (let seen = 0; queue.length && seen < 50; seen++) {
    const e = queue.shift();
    if (!e || typeof e !== 'object') continue;
    if (matches(e as Record<string, unknown>)) return true;
    const w = e as Wrapping;
    queue.push(...(Array.isArray(w.errors) ? w.errors : []), w.cause, w.originalError);
  }
  return false;
}

/** Registering a value schema with a Confluent-compatible schema registry (POST /subjects/<topic>-value/versions). */

export async function registerValueSchema(registryUrl: string, topic: string, schemaJson: string): Promise<number> {
  const url = `${registryUrl}/subjects/${encodeURIComponent(`${topic}-value`)}/versions`;
  let res: Response;
  try {
    res = await fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/vnd.schemaregistry.v1+json', Accept: 'application/vnd.schemaregistry.v1+json, application/json' },
      body: JSON.stringify({ schema: schemaJson }),
      signal: AbortSignal.timeout(15_000),
    });
  } catch (err) {
    throw new Error(`schema registry ${registryUrl} unreachable: ${(err as Error).message}`);
  }
  const body = await res.text();
  if (!res.ok) throw new Error(`schema registry ${url} answered HTTP ${res.status}: ${body.slice(0, 300)}`);
  const id = (JSON.parse(body) as { id?: unknown }).id;
  if (typeof id !== 'number') throw new Error(`schema registry ${url} answered without a schema id: ${body.slice(0, 300)}`);
  return id;
}

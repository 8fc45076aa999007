/** Failures of a request, told apart so the CLI can print them clearly and pick its exit code. */

/** The service answered with an error status; `message` is its `error` text when it sent one. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly body?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** The service could not be reached at all. */
export class ConnectionError extends Error {
  constructor(readonly server: string, cause: unknown) {
    const inner = (cause as { cause?: { code?: string; message?: string } })?.cause;
    const reason = inner?.code ?? inner?.message ?? (cause as Error)?.message ?? String(cause);
    super(`cannot reach the datagen service at ${server} (${reason})`);
    this.name = 'ConnectionError';
  }
}

/** The text of an error answer: the JSON `error` field, else the raw body, else the status line. */
export function errorText(status: number, statusText: string, body: string): string {
  try {
    const parsed = JSON.parse(body) as { error?: unknown };
    if (typeof parsed?.error === 'string' && parsed.error) return parsed.error;
  } catch {
    // not JSON: fall through to the raw text
  }
  const text = body.trim();
  if (status === 401) return `authentication required (HTTP 401): pass --user name:password or set DATAGEN_USER${text ? `; ${text}` : ''}`;
  if (status === 403) return `forbidden (HTTP 403): this user's role may not do that${text ? `; ${text}` : ''}`;
  return text ? `HTTP ${status}: ${text.slice(0, 500)}` : `HTTP ${status} ${statusText}`;
}

/** Which settings are secrets: they never go into an event, a status view, a log line or an error. */
const SECRET_NAME = /(PASSWORD|PASSWD|SECRET|TOKEN|CREDENTIAL|PRIVATE|SAS_|_SAS|API_KEY|ACCESS_KEY|KEYTAB|JAAS)/i;

export function isSecretKey(key: string): boolean {
  return SECRET_NAME.test(key);
}

export const REDACTED = '********';

/** Splits settings into what may be recorded and what must stay secret. */
export function splitSecrets(props: Record<string, string>): { plain: Record<string, string>; secret: Record<string, string> } {
  const plain: Record<string, string> = {};
  const secret: Record<string, string> = {};
  for (const [k, v] of Object.entries(props)) (isSecretKey(k) ? secret : plain)[k] = v;
  return { plain, secret };
}

/** Replaces every occurrence of the secret values in a text (for error messages from sinks and drivers). */
export function scrub(text: string, secrets: Iterable<string>): string {
  let out = text;
  for (const s of secrets) if (s && s.length >= 3) out = out.split(s).join(REDACTED);
  return out;
}

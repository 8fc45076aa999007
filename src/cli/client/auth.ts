/** HTTP Basic credentials from `--user name:password` (or DATAGEN_USER). */

export function basicAuthHeader(user: string | undefined): string | undefined {
  if (!user) return undefined;
  const colon = user.indexOf(':');
  if (colon <= 0) throw new Error('--user must be name:password');
  return `Basic ${Buffer.from(user, 'utf8').toString('base64')}`;
}

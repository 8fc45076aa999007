/** What a secret value is replaced with wherever it would be shown or recorded. */
export const REDACTED = '********';

/** An answer as the original kept it: blank lines removed, trimmed. */
export function cleanAnswer(text: string): string {
  return text.split(/\r?\n/).filter((line) => line.trim() !== '').join('\n').trim();
}

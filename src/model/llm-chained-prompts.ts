/**
 * An LLM field whose request names another LLM field (`"request": "Summarise: ${review}"`) is asked with that
 * field's answer, as the original computed its fields in order. A row's prompts are made before any answer exists,
 * so the generator writes a mark where the other field's answer goes, and the chunk's columns are answered in
 * waves: a column once every LLM column its request names is answered, its marks then filled from the row. Pure.
 */
import { templateColumns } from './placeholders.js';
import type { LlmColumn, Row } from './types.js';

const MARK = '\u0000';
const MARKS = /\u0000([^\u0000]*)\u0000/g;

/** What the generator writes in a prompt where LLM column `column`'s answer goes. */
export const answerMark = (column: string): string => `${MARK}${column}${MARK}`;

/** `prompt` with each mark replaced by the answer the row holds for it. */
export function withAnswers(prompt: string, row: Row): string {
  return prompt.includes(MARK) ? prompt.replace(MARKS, (_, column: string) => String(row[column] ?? '')) : prompt;
}

/** `prompt` with each mark shown as the placeholder it stands for (rows shown before any answer: the preview). */
export function withPlaceholders(prompt: string): string {
  return prompt.includes(MARK) ? prompt.replace(MARKS, (_, column: string) => `\${${column}}`) : prompt;
}

/** The columns in waves: each column after every LLM column its request names (the model's order kept within a wave). */
export function llmWaves(columns: readonly LlmColumn[]): LlmColumn[][] {
  const names = new Set(columns.map((c) => c.name));
  const needs = new Map(columns.map((c) => [c.name, templateColumns(c.spec.request).filter((n) => names.has(n) && n !== c.name)]));
  const done = new Set<string>();
  const waves: LlmColumn[][] = [];
  let left = [...columns];
  while (left.length) {
    const wave = left.filter((c) => needs.get(c.name)!.every((n) => done.has(n)));
    // A cycle cannot compile (computed fields are ordered by what they read); answer the rest together if one did.
    const next = wave.length ? wave : left;
    waves.push(next);
    for (const c of next) done.add(c.name);
    left = left.filter((c) => !next.includes(c));
  }
  return waves;
}

/**
 * File-name parts (model name, LOCAL_FILE_NAME, execution number, command uuid) must be plain names: one path
 * component that can never climb out of, or point elsewhere than, the directory it is joined to.
 */
import { BadRequestError } from '../../errors.js';

/**
 * UTF-8 bytes of a name part. The longest name built from it (a schedule execution's temporary batch file:
 * `.<part>-execution-<n>-<batch>.parquet.<pid>-<hex>.tmp`) then stays under the usual 255-byte file name limit.
 */
export const MAX_NAME_PART_BYTES = 160;

const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/** Why `value` is not a plain name part, or undefined when it is one. */
export function plainNameProblem(value: string): string | undefined {
  if (value === '') return 'is empty';
  if (/[/\\]/.test(value)) return 'contains a path separator';
  if (value.includes('..')) return 'contains ".."';
  if (value === '.') return 'is "."';
  if (CONTROL.test(value)) return 'contains a control character';
  if (Buffer.byteLength(value) > MAX_NAME_PART_BYTES) return `is longer than ${MAX_NAME_PART_BYTES} bytes`;
  return undefined;
}

/** `value` itself when it is a plain name part; a 400 naming `field` otherwise. */
export function plainName(value: string, field: string): string {
  const problem = plainNameProblem(value);
  if (problem) {
    throw new BadRequestError(`${field} ${JSON.stringify(shown(value))} cannot name files: it ${problem} (a file name part may not contain / \\ .. or control characters)`, {
      field,
    });
  }
  return value;
}

/** A bounded, printable rendering of a rejected value for the error text. */
function shown(value: string): string {
    const printable = value.replace(/[\u0000-\u001f\u007f-\u009f]/g, '?');
  return printable.length > 80 ? `${printable.slice(0, 80)}…` : printable;
}

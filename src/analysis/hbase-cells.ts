/**
 * HBase cells carry no type: a column's cells are decoded alike, with the decoder its first cells all fit, read
 * as the HBase sink (and the original, through Bytes.toBytes) writes them: one byte 0x00/0xFF a boolean; printable
 * UTF-8 a text; 4 bytes an int, or a float when they are not small ints; 8 bytes a long; anything else bytes. Pure.
 */
export type CellDecoder = (cell: Buffer) => unknown;

const PRINTABLE = /^[^\u0000-\u0008\u000e-\u001f\u007f\ufffd]*$/u;
const SMALL_INT = 2 ** 24;

const isText = (b: Buffer) => PRINTABLE.test(b.toString('utf8'));
const text: CellDecoder = (b) => b.toString('utf8');
const decoders: Array<[(cells: Buffer[]) => boolean, CellDecoder]> = [
  [(cells) => cells.every((b) => b.length === 1 && (b[0] === 0 || b[0] === 0xff)), (b) => b[0] === 0xff],
  [(cells) => cells.every(isText), text],
  [(cells) => cells.every((b) => b.length === 4 && Math.abs(b.readInt32BE(0)) < SMALL_INT), (b) => (b.length === 4 ? b.readInt32BE(0) : text(b))],
  [(cells) => cells.every((b) => b.length === 4 && Number.isFinite(b.readFloatBE(0))), (b) => (b.length === 4 ? b.readFloatBE(0) : text(b))],
  [(cells) => cells.every((b) => b.length === 8), (b) => (b.length === 8 ? b.readBigInt64BE(0) : text(b))],
];

/** The decoder every one of `cells` fits (the first that does, in the order above); raw bytes when none does. */
export function cellDecoder(cells: Buffer[]): CellDecoder {
  return decoders.find(([fits]) => fits(cells))?.[1] ?? ((b) => b);
}

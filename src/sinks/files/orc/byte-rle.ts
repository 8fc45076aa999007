/**
 * ORC byte run-length encoding (ORCv1 "Byte Run Length Encoding"): runs of 3 to 130 equal bytes as
 * [length - 3, value], other bytes as literal groups of up to 128 behind the negated count. Values are held in a
 * 128-byte window and encoded whenever it fills, so memory stays constant.
 */
import type { ByteSink } from './byte-sink.js';

const WINDOW = 128;
const MIN_RUN = 3;
const MAX_RUN = 130;

export class ByteRleWriter {
  private readonly window = new Uint8Array(WINDOW);
  private n = 0;
  /** The byte repeated by the open run, and its length so far (0: no open run). */
  private runValue = 0;
  private runLength = 0;

  constructor(private readonly out: ByteSink) {}

  add(b: number): void {
    if (this.runLength) {
      if (b === this.runValue && this.runLength < MAX_RUN) {
        this.runLength++;
        return;
      }
      this.closeRun();
    }
    this.window[this.n++] = b;
    // Three equal bytes at the end of the window start a run.
    if (this.n >= MIN_RUN && this.window[this.n - 2] === b && this.window[this.n - 3] === b) {
      this.n -= MIN_RUN;
      this.flushLiterals();
      this.runValue = b;
      this.runLength = MIN_RUN;
      return;
    }
    if (this.n === WINDOW) this.flushLiterals();
  }

  /** Writes everything held. */
  flush(): void {
    if (this.runLength) this.closeRun();
    this.flushLiterals();
  }

  private closeRun(): void {
    this.out.byte(this.runLength - MIN_RUN);
    this.out.byte(this.runValue);
    this.runLength = 0;
  }

  private flushLiterals(): void {
    if (!this.n) return;
    this.out.byte(256 - this.n);
    this.out.bytes(this.window.subarray(0, this.n));
    this.n = 0;
  }
}

/** Booleans packed most significant bit first into bytes, which are byte-RLE encoded (PRESENT and boolean DATA). */
export class BooleanWriter {
  private readonly bytes: ByteRleWriter;
  private current = 0;
  private bits = 0;

  constructor(out: ByteSink) {
    this.bytes = new ByteRleWriter(out);
  }

  add(v: boolean): void {
    if (v) this.current |= 0x80 >> this.bits;
    if (++this.bits === 8) {
      this.bytes.add(this.current);
      this.current = 0;
      this.bits = 0;
    }
  }

  /** Writes everything held; a last partial byte is padded with zero bits. */
  flush(): void {
    if (this.bits) {
      this.bytes.add(this.current);
      this.current = 0;
      this.bits = 0;
    }
    this.bytes.flush();
  }
}

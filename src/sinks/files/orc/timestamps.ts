/**
 * ORC TIMESTAMP values (ORCv1 "Timestamp Columns"): seconds since 2015-01-01 00:00:00 in the writer's time zone
 * (UTC here) and nanoseconds with their trailing decimal zeros folded into the low 3 bits. Seconds are
 * truncated toward zero and nanoseconds are non-negative, as the Java writer does: readers subtract one second
 * from a negative time with nanoseconds. (So instants strictly between -1 s and 0 before 1970 read back one second
 * late in every reader; the format cannot express them.)
 */
export const ORC_EPOCH_SECONDS = 1_420_070_400;

export function timestampSeconds(ms: number): number {
  return Math.trunc(ms / 1000) - ORC_EPOCH_SECONDS;
}

export function timestampNanos(ms: number): number {
  return formatNanos((((ms % 1000) + 1000) % 1000) * 1_000_000);
}

export function formatNanos(nanos: number): number {
  if (nanos === 0) return 0;
  if (nanos % 100 !== 0) return nanos * 8;
  nanos /= 100;
  let zeros = 1;
  while (nanos % 10 === 0 && zeros < 7) {
    nanos /= 10;
    zeros++;
  }
  return nanos * 8 + zeros;
}

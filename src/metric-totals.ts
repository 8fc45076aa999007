/**
 * The event-derived metrics' totals as plain values, and back: they are folds of the same events as the read
 * model, so they are saved in its snapshot and a service started from one still reports the whole stream's
 * totals. prom-client has no public way to set a histogram's buckets, so both directions read its per-label
 * values map (`hashMap`, stable across prom-client 13–15); counters are restored through `inc`.
 */
import type { Counter, Histogram } from 'prom-client';

type Labels = Record<string, string | number>;
export type CounterTotals = Array<{ labels: Labels; value: number }>;
export type HistogramTotals = Array<{ labels: Labels; bucketValues: Record<string, number>; sum: number; count: number }>;

interface HashMapOf<V> {
  hashMap: Record<string, V>;
}

export function counterTotals(counter: Counter<string>): CounterTotals {
  return Object.values((counter as unknown as HashMapOf<{ labels: Labels; value: number }>).hashMap).map((v) => ({ labels: { ...v.labels }, value: v.value }));
}

export function restoreCounter(counter: Counter<string>, totals: CounterTotals): void {
  for (const t of totals) counter.inc(t.labels, t.value);
}

export function histogramTotals(histogram: Histogram<string>): HistogramTotals {
  return Object.values((histogram as unknown as HashMapOf<HistogramTotals[number]>).hashMap)
    .map((v) => ({ labels: { ...v.labels }, bucketValues: { ...v.bucketValues }, sum: v.sum, count: v.count }));
}

export function restoreHistogram(histogram: Histogram<string>, totals: HistogramTotals): void {
  const values = (histogram as unknown as HashMapOf<HistogramTotals[number]>).hashMap;
  for (const t of totals) {
    histogram.zero(t.labels);
    const entry = Object.values(values).find((v) => sameLabels(v.labels, t.labels));
    if (!entry) throw new Error(`histogram has no entry for ${JSON.stringify(t.labels)}`);
    for (const [bound, n] of Object.entries(t.bucketValues)) if (bound in entry.bucketValues) entry.bucketValues[bound] += n;
    entry.sum += t.sum;
    entry.count += t.count;
  }
}

function sameLabels(a: Labels, b: Labels): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => String(a[k]) === String(b[k]));
}

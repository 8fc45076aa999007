/**
 * Zipf ranks (pure): rank k in 1..n drawn with probability proportional to 1/k^s, in O(1) time and memory whatever n,
 * by rejection-inversion (W. Hörmann, G. Derflinger, "Rejection-inversion to generate variates from monotone
 * discrete distributions", 1996; the algorithm of Apache Commons RNG's RejectionInversionZipfSampler). Accepts in
 * about one draw on average (a rejection is rare), so the PRNG draws a row takes vary only now and then.
 */
import type { Prng } from '../prng.js';

/** log1p(x)/x and expm1(x)/x, exact near 0 where the quotients are 0/0. */
const helper1 = (x: number) => (Math.abs(x) > 1e-8 ? Math.log1p(x) / x : 1 - x * (0.5 - x * (1 / 3 - 0.25 * x)));
const helper2 = (x: number) => (Math.abs(x) > 1e-8 ? Math.expm1(x) / x : 1 + x * 0.5 * (1 + (x / 3) * (1 + 0.25 * x)));

export interface ZipfRanks {
  /** A rank in 1..n from the PRNG's next uniform draws. */
  draw(rng: Prng): number;
}

export function zipfRanks(n: number, s: number): ZipfRanks {
  const h = (x: number) => Math.exp(-s * Math.log(x));
  const hIntegral = (x: number) => {
    const logX = Math.log(x);
    return helper2((1 - s) * logX) * logX;
  };
  const hIntegralInverse = (x: number) => {
    let t = x * (1 - s);
    if (t < -1) t = -1; // limits rounding errors
    return Math.exp(helper1(t) * x);
  };
  const x1 = hIntegral(1.5) - 1;
  const xn = hIntegral(n + 0.5);
  const squeeze = 2 - hIntegralInverse(hIntegral(2.5) - h(2));
  return {
    draw(rng) {
      for (;;) {
        const u = xn + rng.next() * (x1 - xn);
        const x = hIntegralInverse(u);
        const k = Math.min(n, Math.max(1, Math.floor(x + 0.5)));
        if (k - x <= squeeze || u >= hIntegral(k + 0.5) - h(k)) return k;
      }
    },
  };
}

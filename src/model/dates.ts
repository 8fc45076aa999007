/** Calendar arithmetic in UTC (days since 1970-01-01) and the date forms models use. */

export interface Civil {
  year: number;
  month: number; // 1..12
  day: number; // 1..31
}

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm). */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export function civilFromDays(days: number): Civil {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

function validCivil(year: number, month: number, day: number): number | undefined {
  if (!(month >= 1 && month <= 12 && day >= 1 && day <= 31)) return undefined;
  const days = daysFromCivil(year, month, day);
  const back = civilFromDays(days);
  return back.day === day && back.month === month ? days : undefined;
}

const pad2 = (n: number) => (n < 10 ? '0' : '') + n;

export function pad4(n: number): string {
  return n >= 0 && n < 10000 ? String(n).padStart(4, '0') : String(n);
}

/** 'yyyy-MM-dd' of a day number. */
export function formatDay(days: number): string {
  const c = civilFromDays(days);
  return `${pad4(c.year)}-${pad2(c.month)}-${pad2(c.day)}`;
}

/** 'dd/MM/yyyy', the original's CSV form of BIRTHDATE. */
export function formatDayDmy(days: number): string {
  const c = civilFromDays(days);
  return `${pad2(c.day)}/${pad2(c.month)}/${pad4(c.year)}`;
}

/** A day from 'd/M/yyyy' (the original's BIRTHDATE form), 'yyyy-MM-dd', or the date part of an ISO date-time. */
export function parseDay(text: string): number | undefined {
  const t = text.trim();
  let m = /^(\d{1,2})\/(\d{1,2})\/(-?\d{1,6})$/.exec(t);
  if (m) return validCivil(Number(m[3]), Number(m[2]), Number(m[1]));
  m = /^(-?\d{4,6})-(\d{2})-(\d{2})(?:[T ].*)?$/.exec(t);
  if (m) return validCivil(Number(m[1]), Number(m[2]), Number(m[3]));
  return undefined;
}

/** Epoch ms of an ISO instant ('2011-12-03T10:15:30Z', offset optional: UTC) or of a date-only form (midnight UTC). */
export function parseInstant(text: string): number | undefined {
  const t = text.trim();
  const m = /^(-?\d{4,6})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})?$/i.exec(t);
  if (m) {
    const days = validCivil(Number(m[1]), Number(m[2]), Number(m[3]));
    const [h, mi, s] = [Number(m[4]), Number(m[5]), Number(m[6] ?? 0)];
    if (days === undefined || h > 23 || mi > 59 || s > 59) return undefined;
    const ms = m[7] ? Number(m[7].slice(0, 3).padEnd(3, '0')) : 0;
    let offsetMin = 0;
    if (m[8] && m[8].toUpperCase() !== 'Z') {
      const o = m[8].replace(':', '');
      offsetMin = (o[0] === '-' ? -1 : 1) * (Number(o.slice(1, 3)) * 60 + Number(o.slice(3, 5)));
    }
    return days * 86400000 + ((h * 60 + mi - offsetMin) * 60 + s) * 1000 + ms;
  }
  const day = parseDay(t);
  return day === undefined ? undefined : day * 86400000;
}

import { ValidateBy, type ValidationOptions } from 'class-validator';

// RFC 3339 section 5.6 `date-time`, which OpenAPI's `format: date-time` names:
// "T" and "Z" in either case, any number of fraction digits, second 60 (a
// leap second), and a numeric offset.
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|([+-])(\d{2}):(\d{2}))$/;

const isLeap = (year: number): boolean => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const daysIn = (year: number, month: number): number =>
  month === 2 && isLeap(year) ? 29 : (DAYS_IN_MONTH[month - 1] as number);

/**
 * The instant an RFC 3339 date-time names, or undefined when the text is not
 * one (a 31 April, an hour 24, an offset of 25 hours). Written out rather
 * than left to `Date.parse`, which accepts much that is not RFC 3339, or to
 * class-validator's strict ISO 8601 check, which refuses valid dates before
 * year 100. A leap second is read as the instant after second 59.
 */
export function parseInstant(text: string): Date | undefined {
  const match = DATE_TIME.exec(text);
  if (!match) return undefined;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const fraction = match[7] ? Number(`0${match[7]}`) : 0;
  const offsetSign = match[9] === '-' ? -1 : 1;
  const [offsetHours, offsetMinutes] = [Number(match[10] ?? 0), Number(match[11] ?? 0)];
  if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) return undefined;
  if (hour > 23 || minute > 59 || second > 60 || offsetHours > 23 || offsetMinutes > 59) return undefined;
  const utc = new Date(0);
  // setUTCFullYear, not Date.UTC: Date.UTC reads years 0 to 99 as 1900 to 1999.
  utc.setUTCFullYear(year, month - 1, day);
  utc.setUTCHours(hour, minute, second, Math.floor(fraction * 1000));
  return new Date(utc.getTime() - offsetSign * (offsetHours * 60 + offsetMinutes) * 60_000);
}

/** class-validator: the value is an RFC 3339 date-time (see parseInstant). */
export function IsInstant(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isInstant',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && parseInstant(value) !== undefined,
        defaultMessage: (args) =>
          `${args?.property ?? 'value'} must be an RFC 3339 date-time, e.g. 2026-01-31T00:00:00Z`,
      },
    },
    options,
  );
}

import { type z } from 'zod';

// Messages for content issues. Section content is the most sensitive data the
// SDK handles, and a validation message ends up in terminals, logs and bug
// reports, so every message here is written from the issue's kind and the
// schema's bounds, never from the value: zod's own messages are not used
// (its unknown-key message quotes the key, and a key can be content too).

/** One problem found in a section's content: where, and what the schema expected. */
export interface SectionContentIssue {
  /** `$` is the content itself; `$.legalName.full`, `$.phones[0].number` the fields in it. */
  readonly path: string;
  readonly message: string;
}

/** Issues past this many are counted, not listed (a long list of bad items would repeat one message). */
export const MAX_LISTED_ISSUES = 50;

/** Vocabularies longer than this are not spelled out in a message. */
const MAX_LISTED_VALUES = 20;

/** Field names worth echoing; anything else could be content typed where a field name goes. */
const PRINTABLE_FIELD = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;

/** The per-parse error map: schema-level messages (ours) win over it, and it covers every other issue. */
export const contentErrorMap: z.core.$ZodErrorMap = (issue) => {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined ? 'required' : `expected ${article(issue.expected)}`;
    case 'too_big':
      return `expected at most ${String(issue.maximum)} ${unit(issue.origin)}`;
    case 'too_small':
      return issue.origin === 'string' && issue.minimum === 1
        ? 'must not be empty'
        : `expected at least ${String(issue.minimum)} ${unit(issue.origin)}`;
    case 'invalid_value':
      return issue.values.length === 1
        ? `expected ${JSON.stringify(issue.values[0])}`
        : issue.values.length <= MAX_LISTED_VALUES
          ? `expected one of ${issue.values.map((v) => String(v)).join(', ')}`
          : 'not a value of the vocabulary';
    case 'invalid_format':
      return `expected the format ${issue.format}`;
    case 'unrecognized_keys':
      return 'unknown field';
    case 'invalid_union':
      return 'matches none of the allowed forms';
    case 'not_multiple_of':
      return `expected a multiple of ${String(issue.divisor)}`;
    // The schemas set a message on every refinement; these are for anything they miss.
    case 'custom':
    case 'invalid_element':
    case 'invalid_key':
      return 'invalid';
  }
};

/** The listed issues: one per unknown field (named only when the name is a plain identifier). */
export function contentIssues(issues: readonly z.core.$ZodIssue[]): SectionContentIssue[] {
  const listed: SectionContentIssue[] = [];
  for (const issue of issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        listed.push(
          PRINTABLE_FIELD.test(key)
            ? { path: formatPath([...issue.path, key]), message: 'unknown field' }
            : { path: formatPath(issue.path), message: 'unknown field (its name is not shown)' },
        );
      }
    } else {
      listed.push({ path: formatPath(issue.path), message: issue.message });
    }
  }
  if (listed.length <= MAX_LISTED_ISSUES) return listed;
  const more = listed.length - MAX_LISTED_ISSUES;
  return [...listed.slice(0, MAX_LISTED_ISSUES), { path: '$', message: `${more} more issues not listed` }];
}

/** `$.phones[0].number`. Path segments are the schema's field names and list indices, never values. */
export function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (out, segment) =>
      typeof segment === 'number'
        ? `${out}[${segment}]`
        : typeof segment === 'string' && PRINTABLE_FIELD.test(segment)
          ? `${out}.${segment}`
          : `${out}.?`,
    '$',
  );
}

function unit(origin: string): string {
  if (origin === 'string') return 'characters';
  if (origin === 'array' || origin === 'set') return 'items';
  return '';
}

function article(expected: string): string {
  return /^[aeiou]/.test(expected) ? `an ${expected}` : `a ${expected}`;
}

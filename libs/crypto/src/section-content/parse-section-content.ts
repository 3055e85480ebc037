import { MalformedInputError } from '../errors';
import { type SectionName } from '../sections';
import { utf8Decode, utf8Encode } from '../encoding/utf8';
import { type SectionContentIssue, contentErrorMap, contentIssues } from './content-issues';
import { type SectionContent, SECTION_CONTENT_SCHEMAS } from './schemas';

export type SectionContentResult<S extends SectionName = SectionName> =
  | { readonly ok: true; readonly section: S; readonly content: SectionContent<S> }
  | { readonly ok: false; readonly section: S; readonly issues: readonly SectionContentIssue[] };

/**
 * Checks a section's content against its schema. Unknown fields are refused,
 * not dropped: content that does not fit the schema should be fixed by the
 * person who wrote it, before it is sealed, not silently lose a field.
 * Issues name the field and the rule, never the value.
 */
export function parseSectionContent<S extends SectionName>(section: S, value: unknown): SectionContentResult<S> {
  const result = SECTION_CONTENT_SCHEMAS[section].safeParse(value, { error: contentErrorMap });
  if (result.success) return { ok: true, section, content: result.data as SectionContent<S> };
  return { ok: false, section, issues: contentIssues(result.error.issues) };
}

/** Content that is not valid for its section; `issues` say where and why, without the values. */
export class SectionContentError extends MalformedInputError {
  constructor(
    readonly section: SectionName,
    readonly issues: readonly SectionContentIssue[],
  ) {
    super(`${section} content: ${issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ')}`);
  }
}

/**
 * The bytes to seal for a section: its content, checked, as UTF-8 JSON.
 * Throws SectionContentError (CRYPTO.MALFORMED_INPUT) when the content is
 * not valid, so nothing invalid is ever encrypted. The JSON is the value
 * the schema returned, serialized again (fields in the schema's order), so
 * what is sealed is exactly what was checked: no duplicate keys for another
 * parser to read differently, no toJSON or getters of a caller's objects.
 */
export function encodeSectionContent<S extends SectionName>(section: S, value: unknown): Uint8Array {
  const parsed = parseSectionContent(section, value);
  if (!parsed.ok) throw new SectionContentError(section, parsed.issues);
  return utf8Encode(JSON.stringify(parsed.content));
}

/**
 * Reads opened section bytes as content of `section`: UTF-8, then JSON, then
 * the schema. A reader gets issues rather than an exception, so it can still
 * offer the raw bytes of content written before the schemas or by another
 * tool.
 */
export function decodeSectionContent<S extends SectionName>(section: S, bytes: Uint8Array): SectionContentResult<S> {
  let value: unknown;
  try {
    value = JSON.parse(utf8Decode(bytes));
  } catch {
    // The parser's message quotes the text around the error: never pass it on.
    return { ok: false, section, issues: [{ path: '$', message: 'not UTF-8 JSON' }] };
  }
  return parseSectionContent(section, value);
}

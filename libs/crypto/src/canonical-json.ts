import { MalformedInputError } from './errors';

/** Values that canonical JSON can represent (I-JSON: no NaN, no lone surrogates). */
export type JsonValue = null | boolean | number | string | readonly JsonValue[] | { readonly [key: string]: JsonValue };

/**
 * RFC 8785 JSON Canonicalization Scheme. Signatures are computed over these
 * bytes, so two implementations that serialize the same value differently
 * would disagree about what was signed; hence a scheme with one spelling:
 * - object keys sorted by UTF-16 code units, no whitespace;
 * - numbers as ECMAScript's Number.prototype.toString (JCS adopts it);
 * - strings escaped only where JSON requires it, lowercase \u00xx.
 * Anything JSON cannot carry exactly (NaN, Infinity, undefined, lone
 * surrogates, class instances) is refused instead of silently changed.
 */
export function canonicalJson(value: JsonValue): string {
  const out: string[] = [];
  write(value, out, '$');
  return out.join('');
}

function write(value: unknown, out: string[], path: string): void {
  if (value === null) {
    out.push('null');
    return;
  }
  switch (typeof value) {
    case 'boolean':
      out.push(value ? 'true' : 'false');
      return;
    case 'number':
      out.push(serializeNumber(value, path));
      return;
    case 'string':
      out.push(serializeString(value, path));
      return;
    case 'object':
      if (Array.isArray(value)) writeArray(value as readonly unknown[], out, path);
      else writeObject(value, out, path);
      return;
    case 'bigint':
    case 'function':
    case 'symbol':
    case 'undefined':
      throw new MalformedInputError(`canonical JSON: ${path} is a ${typeof value}`);
  }
}

function writeArray(items: readonly unknown[], out: string[], path: string): void {
  out.push('[');
  items.forEach((item, index) => {
    if (index > 0) out.push(',');
    write(item, out, `${path}[${index}]`);
  });
  out.push(']');
}

function writeObject(value: object, out: string[], path: string): void {
  const prototype: unknown = Object.getPrototypeOf(value);
  if (prototype !== Object.prototype && prototype !== null) {
    throw new MalformedInputError(`canonical JSON: ${path} is not a plain object`);
  }
  const entries = value as Record<string, unknown>;
  // Default sort compares UTF-16 code units, exactly what RFC 8785 §3.2.3 asks.
  const keys = Object.keys(entries).sort();
  out.push('{');
  keys.forEach((key, index) => {
    if (index > 0) out.push(',');
    out.push(serializeString(key, path), ':');
    write(entries[key], out, `${path}.${key}`);
  });
  out.push('}');
}

function serializeNumber(value: number, path: string): string {
  if (!Number.isFinite(value)) throw new MalformedInputError(`canonical JSON: ${path} is not a finite number`);
  // String(-0) is "0", as RFC 8785 requires.
  return String(value);
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function serializeString(value: string, path: string): string {
  if (LONE_SURROGATE.test(value)) throw new MalformedInputError(`canonical JSON: ${path} has a lone surrogate`);
  // For well-formed strings JSON.stringify escapes exactly what RFC 8785 §3.2.2.2
  // asks: ", \, \b \f \n \r \t, other controls as lowercase \u00xx, nothing else.
  return JSON.stringify(value);
}

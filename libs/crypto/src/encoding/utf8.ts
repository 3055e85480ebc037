// TextEncoder/TextDecoder exist in Node and every browser; one instance each
// avoids re-creating them on the hot path.
const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: true });

export function utf8Encode(text: string): Uint8Array {
  return encoder.encode(text);
}

/** Strict: invalid UTF-8 throws rather than turning into U+FFFD. */
export function utf8Decode(bytes: Uint8Array): string {
  return decoder.decode(bytes);
}

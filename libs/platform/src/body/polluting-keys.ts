/**
 * The first key in a parsed JSON value that can reach an object's prototype
 * when the value is copied or merged: "__proto__", or "constructor" holding an
 * object with "prototype" (the keys Fastify's secure-json-parse refuses).
 *
 * Walks with its own stack: a deeply nested body must not overflow the call stack.
 */
export function findPollutingKey(value: unknown): '__proto__' | 'constructor' | undefined {
  const pending: unknown[] = [value];
  while (pending.length > 0) {
    const current = pending.pop();
    if (current === null || typeof current !== 'object') continue;
    if (Array.isArray(current)) {
      // One by one: spreading a very long array into push() overflows the argument limit.
      for (const item of current as unknown[]) pending.push(item);
      continue;
    }
    const record = current as Record<string, unknown>;
    if (Object.prototype.hasOwnProperty.call(record, '__proto__')) return '__proto__';
    for (const key of Object.keys(record)) {
      const child = record[key];
      if (key === 'constructor' && isObjectWithPrototypeKey(child)) return 'constructor';
      pending.push(child);
    }
  }
  return undefined;
}

function isObjectWithPrototypeKey(value: unknown): boolean {
  return value !== null && typeof value === 'object' && Object.prototype.hasOwnProperty.call(value, 'prototype');
}

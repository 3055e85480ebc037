import { z } from 'zod';

/** One entry of AUTH_ISSUERS; libs/auth checks the rest at start-up (ids, duplicates, production rules). */
const trustedIssuer = z.strictObject({
  /** Compared exactly with a token's `iss`. */
  issuer: z.url(),
  jwksUri: z.url({ protocol: /^https?$/ }),
  /** The organization ids its tokens may assert, or "*" (any; refused in production). */
  organizations: z.union([z.literal('*'), z.array(z.string().min(1)).min(1)]),
});

/**
 * AUTH_ISSUERS: a JSON array of the identity providers tokens may come from, e.g.
 * `[{"issuer":"https://idp.example.org","jwksUri":"https://idp.example.org/jwks","organizations":["org_a"]}]`.
 */
export const trustedIssuersJson = z
  .string()
  .min(1)
  .transform((text, context) => {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      context.addIssue({ code: 'custom', message: 'expected a JSON array of issuers (docs/operations.md)' });
      return z.NEVER;
    }
  })
  .pipe(z.array(trustedIssuer).min(1));

/** A variable that used to be read: set, it stops the service rather than being silently ignored. */
export function replacedBy(replacement: string) {
  return z.undefined({ error: `no longer read; configure ${replacement} instead (docs/operations.md)` }).optional();
}

/** Unset: libs/auth's default (DEFAULT_JWKS_POLICY). */
export const optionalMilliseconds = (min: number, max: number) => z.coerce.number().int().min(min).max(max).optional();

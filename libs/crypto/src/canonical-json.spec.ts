import { withCode } from '../test/factories';
import { canonicalJson } from './canonical-json';
import { CRYPTO_ERROR_CODES } from './errors';

// Doubles given by their IEEE 754 bits, as RFC 8785 Appendix B lists them.
function fromBits(hex: string): number {
  const view = new DataView(new ArrayBuffer(8));
  view.setBigUint64(0, BigInt(`0x${hex}`));
  return view.getFloat64(0);
}

describe('canonicalJson (RFC 8785)', () => {
  it.each([
    ['0000000000000000', '0'],
    ['8000000000000000', '0'],
    ['0000000000000001', '5e-324'],
    ['8000000000000001', '-5e-324'],
    ['7fefffffffffffff', '1.7976931348623157e+308'],
    ['ffefffffffffffff', '-1.7976931348623157e+308'],
    ['4340000000000000', '9007199254740992'],
    ['c340000000000000', '-9007199254740992'],
    ['4430000000000000', '295147905179352830000'],
    ['44b52d02c7e14af5', '9.999999999999997e+22'],
    ['44b52d02c7e14af6', '1e+23'],
    ['44b52d02c7e14af7', '1.0000000000000001e+23'],
    ['444b1ae4d6e2ef4e', '999999999999999700000'],
    ['444b1ae4d6e2ef4f', '999999999999999900000'],
    ['444b1ae4d6e2ef50', '1e+21'],
    ['3eb0c6f7a0b5ed8c', '9.999999999999997e-7'],
    ['3eb0c6f7a0b5ed8d', '0.000001'],
    ['41b3de4355555553', '333333333.3333332'],
    ['41b3de4355555554', '333333333.33333325'],
    ['41b3de4355555555', '333333333.3333333'],
    ['41b3de4355555556', '333333333.3333334'],
    ['41b3de4355555557', '333333333.33333343'],
    ['becbf647612f3696', '-0.0000033333333333333333'],
    ['43143ff3c1cb0959', '1424953923781206.2'],
  ])('serializes the number with bits %s as %s (Appendix B)', (bits, expected) => {
    expect(canonicalJson(fromBits(bits))).toBe(expected);
  });

  it.each([
    ['7fffffffffffffff', 'NaN'],
    ['7ff0000000000000', 'Infinity'],
    ['fff0000000000000', '-Infinity'],
  ])('refuses %s (%s)', (bits) => {
    expect(() => canonicalJson(fromBits(bits))).toThrow(withCode(CRYPTO_ERROR_CODES.MALFORMED_INPUT));
  });

  it('reproduces the §3.2.2 example (whitespace, literals, numbers, string escapes)', () => {
    const input = `{
      "numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],
      "string": "\\u20ac$\\u000F\\u000aA'\\u0042\\u0022\\u005c\\\\\\"\\/",
      "literals": [null, true, false]
    }`;
    const expected =
      '{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],' +
      '"string":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}';
    expect(canonicalJson(JSON.parse(input) as never)).toBe(expected);
  });

  it('sorts keys by UTF-16 code units (§3.2.3 example)', () => {
    const input = {
      '\u20ac': 'Euro Sign',
      '\r': 'Carriage Return',
      '\ufb33': 'Hebrew Letter Dalet With Dagesh',
      '1': 'One',
      '\ud83d\ude00': 'Emoji: Grinning Face',
      '\u0080': 'Control',
      '\u00f6': 'Latin Small Letter O With Diaeresis',
    };
    expect(canonicalJson(input)).toBe(
      '{"\\r":"Carriage Return","1":"One","\u0080":"Control","\u00f6":"Latin Small Letter O With Diaeresis",' +
        '"\u20ac":"Euro Sign","\ud83d\ude00":"Emoji: Grinning Face","\ufb33":"Hebrew Letter Dalet With Dagesh"}',
    );
  });

  it('escapes only what JSON requires, with lowercase hex', () => {
    expect(canonicalJson('\u0000\u0008\u0009\u000a\u000c\u000d\u001f\u007f\u2028/')).toBe(
      '"\\u0000\\b\\t\\n\\f\\r\\u001f\u007f\u2028/"',
    );
  });

  it('sorts nested objects and keeps array order', () => {
    expect(canonicalJson({ b: [3, { z: 1, a: 2 }], a: { d: null, c: true } })).toBe(
      '{"a":{"c":true,"d":null},"b":[3,{"a":2,"z":1}]}',
    );
  });

  it('refuses lone surrogates, in values and in keys', () => {
    expect(() => canonicalJson('\ud800')).toThrow(withCode(CRYPTO_ERROR_CODES.MALFORMED_INPUT));
    expect(() => canonicalJson('a\udc00')).toThrow(withCode(CRYPTO_ERROR_CODES.MALFORMED_INPUT));
    expect(() => canonicalJson({ '\udbff': 1 })).toThrow(withCode(CRYPTO_ERROR_CODES.MALFORMED_INPUT));
  });

  it('refuses values JSON cannot carry exactly', () => {
    for (const value of [undefined, 1n, () => 1, Symbol('x'), new Date(0), new Uint8Array(1), { a: undefined }]) {
      expect(() => canonicalJson(value as never)).toThrow(withCode(CRYPTO_ERROR_CODES.MALFORMED_INPUT));
    }
  });
});

import { CLI_ERROR_CODES } from '../errors/cli-error';
import { bearerToken, intakeBaseUrl, keyfilePath, passphrase } from './config';
import { tokenSubject } from './token-subject';
import { codeOf } from '../../test/error-code';

function jwt(claims: object): string {
  const part = (o: object): string => Buffer.from(JSON.stringify(o)).toString('base64url');
  return `${part({ alg: 'RS256' })}.${part(claims)}.c2ln`;
}

describe('configuration', () => {
  it('takes the intake URL from --intake before the environment', () => {
    expect(intakeBaseUrl({ intake: 'https://a.example' }, { REFUGIO_INTAKE_URL: 'https://b.example' }).href).toBe(
      'https://a.example/',
    );
    expect(intakeBaseUrl({}, { REFUGIO_INTAKE_URL: 'http://localhost:3000/api' }).href).toBe(
      'http://localhost:3000/api/',
    );
  });

  it.each([
    ['missing', {}],
    ['not a URL', { REFUGIO_INTAKE_URL: 'intake' }],
    ['another scheme', { REFUGIO_INTAKE_URL: 'file:///etc/passwd' }],
    ['credentials in the URL', { REFUGIO_INTAKE_URL: 'https://user:pw@intake.example' }],
  ])('refuses an intake URL that is %s', (_, env) => {
    expect(codeOf(() => intakeBaseUrl({}, env))).toBe(CLI_ERROR_CODES.CONFIG);
  });

  it('reads the token and the passphrase from the environment only', () => {
    expect(bearerToken({ REFUGIO_TOKEN: ' abc.def.ghi ' })).toBe('abc.def.ghi');
    expect(codeOf(() => bearerToken({}))).toBe(CLI_ERROR_CODES.CONFIG);
    expect(codeOf(() => bearerToken({ REFUGIO_TOKEN: 'a b' }))).toBe(CLI_ERROR_CODES.CONFIG);
    expect(passphrase({ REFUGIO_PASSPHRASE: 'correct horse' })).toBe('correct horse');
    expect(codeOf(() => passphrase({ REFUGIO_PASSPHRASE: '' }))).toBe(CLI_ERROR_CODES.CONFIG);
  });

  it('takes the keyfile from --keyfile before REFUGIO_KEYFILE, and needs one of them', () => {
    expect(keyfilePath({ keyfile: 'a.keys.json' }, { REFUGIO_KEYFILE: 'b.keys.json' })).toBe('a.keys.json');
    expect(keyfilePath({}, { REFUGIO_KEYFILE: 'b.keys.json' })).toBe('b.keys.json');
    expect(codeOf(() => keyfilePath({}, {}))).toBe(CLI_ERROR_CODES.USAGE);
  });

  it("reads the staff member's subject from the token", () => {
    expect(tokenSubject(jwt({ sub: 'auth0|staff-17', org: 'org-a' }))).toBe('auth0|staff-17');
    expect(codeOf(() => tokenSubject(jwt({ org: 'org-a' })))).toBe(CLI_ERROR_CODES.CONFIG);
    expect(codeOf(() => tokenSubject('opaque-token'))).toBe(CLI_ERROR_CODES.CONFIG);
  });
});

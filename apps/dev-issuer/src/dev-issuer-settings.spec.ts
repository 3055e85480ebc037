import { DevIssuer } from './dev-issuer';
import { devIssuerSettings } from './dev-issuer-settings';

describe('development issuer settings', () => {
  it('names itself with a dev-issuer path segment by default, so services can recognise it', () => {
    expect(devIssuerSettings({ DEV_ISSUER_PORT: '19080' }).issuer).toBe('http://127.0.0.1:19080/dev-issuer');
    expect(new DevIssuer({ issuer: 'http://dev-issuer:19080/dev-issuer/' }).issuer).toBe(
      'http://dev-issuer:19080/dev-issuer',
    );
  });

  it('refuses an identifier without the segment', () => {
    expect(() => new DevIssuer({ issuer: 'https://idp.example.org' })).toThrow(/"\/dev-issuer" path segment/);
  });

  it('refuses to run under NODE_ENV=production', () => {
    expect(() => devIssuerSettings({ NODE_ENV: 'production' })).toThrow(/does not run under NODE_ENV=production/);
    expect(() => devIssuerSettings({ NODE_ENV: 'development' })).not.toThrow();
  });

  it('describes itself as a trusted issuer for the services', () => {
    const issuer = new DevIssuer({ issuer: 'http://dev-issuer:19080/dev-issuer' });
    expect(issuer.trustedIssuer()).toEqual({
      issuer: 'http://dev-issuer:19080/dev-issuer',
      jwksUri: 'http://dev-issuer:19080/dev-issuer/.well-known/jwks.json',
      organizations: '*',
    });
    expect(issuer.trustedIssuer(['org-a']).organizations).toEqual(['org-a']);
  });
});

import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from './config.js';

const key = Buffer.alloc(32, 7).toString('base64');

describe('configuration', () => {
  it('needs nothing for a local trial: embedded database, local files, generated key, no mail, no scanner', () => {
    const config = parseConfig({}, '/srv/sejf');
    expect(config).toMatchObject({
      env: 'development',
      port: 3000,
      database: { kind: 'pglite', dataDir: '/srv/sejf/data/db' },
      storage: { kind: 'local', dir: '/srv/sejf/data/files' },
      masterKey: { source: 'generate', path: '/srv/sejf/data/master.key' },
      mail: { kind: 'outbox' },
      scanner: { kind: 'none' },
      trustProxy: false,
      cookie: { name: '__Host-sejf_session', secure: true },
      uploads: { maxBytes: 50 * 1024 * 1024 },
      sessions: { idleMinutes: 30, maxHours: 12 },
    });
    expect(config.publicUrl.origin).toBe('http://localhost:3000');
  });

  it('refuses an unsafe production setup and names every problem', () => {
    const attempt = () => parseConfig({ NODE_ENV: 'production', PUBLIC_URL: 'http://sejf.example.pl' });
    expect(attempt).toThrow(ConfigError);
    expect(attempt).toThrow(
      /https:\/\/ in production[\s\S]*SEJF_MASTER_KEY_FILE[\s\S]*Virus scanning[\s\S]*SMTP_URL/,
    );
  });

  it('accepts a complete production setup, requiring TLS for SMTP there', () => {
    const config = parseConfig({
      NODE_ENV: 'production',
      PUBLIC_URL: 'https://sejf.example.pl',
      SEJF_MASTER_KEY: key,
      SMTP_URL: 'smtp://mail.example.pl:587',
      CLAMD_SOCKET: '/run/clamav/clamd.ctl',
    });
    expect(config.mail).toMatchObject({ kind: 'smtp', requireTls: true });
    expect(config.scanner).toMatchObject({ kind: 'clamd', socket: '/run/clamav/clamd.ctl' });
    expect(config.cookie).toEqual({ name: '__Host-sejf_session', secure: true });
  });

  it('drops the __Host- prefix only for plain http outside localhost (development)', () => {
    expect(parseConfig({ PUBLIC_URL: 'http://192.168.1.20:3000' }).cookie).toEqual({
      name: 'sejf_session',
      secure: false,
    });
  });

  it.each([
    ['false', false],
    ['1', 1],
    ['2', 2],
    ['10.0.0.2', ['10.0.0.2']],
    ['10.0.0.2, 10.1.0.0/16', ['10.0.0.2', '10.1.0.0/16']],
  ])('reads TRUST_PROXY=%s', (value, expected) => {
    expect(parseConfig({ TRUST_PROXY: value }).trustProxy).toEqual(expected);
  });

  it('refuses TRUST_PROXY=true, which would let any client choose its own IP', () => {
    expect(() => parseConfig({ TRUST_PROXY: 'true' })).toThrow(/TRUST_PROXY/);
  });

  it('wants TLS files in pairs and complete S3 settings', () => {
    expect(() => parseConfig({ TLS_CERT_FILE: 'cert.pem' })).toThrow(/TLS_CERT_FILE and TLS_KEY_FILE/);
    expect(() => parseConfig({ STORAGE_DRIVER: 's3' })).toThrow(/S3_BUCKET/);
    expect(parseConfig({ TLS_CERT_FILE: 'c.pem', TLS_KEY_FILE: 'k.pem' }).publicUrl.protocol).toBe('https:');
  });

  it('explains a malformed value with the variable name', () => {
    expect(() => parseConfig({ PORT: 'osiemdziesiąt' })).toThrow(/PORT/);
    expect(() => parseConfig({ SMTP_URL: 'https://mail.example.pl' })).toThrow(/SMTP_URL/);
  });
});

import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('mail configuration', () => {
  it('sends no mail without SAMENSPEL_SMTP_URL', () => {
    expect(loadConfig({}).mail).toBeNull();
  });

  it('links the mails to SAMENSPEL_PUBLIC_URL and sends from noreply there unless told otherwise', () => {
    const env = {
      SAMENSPEL_SMTP_URL: 'smtp://mail.example.nl:587',
      SAMENSPEL_PUBLIC_URL: 'https://samenspel.example.nl',
    };
    expect(loadConfig(env).mail).toEqual({
      smtpUrl: 'smtp://mail.example.nl:587',
      from: 'Samenspel <noreply@samenspel.example.nl>',
      publicUrl: 'https://samenspel.example.nl',
    });
    expect(loadConfig({ ...env, SAMENSPEL_MAIL_FROM: 'RIEC <riec@example.nl>' }).mail?.from).toBe(
      'RIEC <riec@example.nl>',
    );
  });

  it('refuses an SMTP server without the address the links lead to, and a URL that is not SMTP', () => {
    expect(() => loadConfig({ SAMENSPEL_SMTP_URL: 'smtp://mail.example.nl' })).toThrow(ConfigError);
    expect(() =>
      loadConfig({
        SAMENSPEL_SMTP_URL: 'http://mail.example.nl',
        SAMENSPEL_PUBLIC_URL: 'https://s.example.nl',
      }),
    ).toThrow(/smtp:\/\/ or smtps:\/\//);
  });
});

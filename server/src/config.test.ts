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

describe('base map configuration', () => {
  const pdok = 'https://service.pdok.nl/brt/achtergrondkaart/wmts/v2_0/standaard/EPSG:3857/{z}/{x}/{y}.png';

  it('draws no base map without SAMENSPEL_MAP_TILES', () => {
    expect(loadConfig({}).mapTiles).toBeNull();
  });

  it("takes a tile source with its attribution, such as PDOK's BRT-Achtergrondkaart", () => {
    expect(
      loadConfig({ SAMENSPEL_MAP_TILES: pdok, SAMENSPEL_MAP_TILES_ATTRIBUTION: 'Kaartgegevens © Kadaster' })
        .mapTiles,
    ).toEqual({ url: pdok, attribution: 'Kaartgegevens © Kadaster' });
  });

  it('refuses a tile source without attribution, over plain http, or without {z}, {x} and {y}', () => {
    expect(() => loadConfig({ SAMENSPEL_MAP_TILES: pdok })).toThrow(/ATTRIBUTION/);
    for (const url of [pdok.replace('https', 'http'), 'https://tiles.example.nl/{z}/{x}.png'])
      expect(() =>
        loadConfig({ SAMENSPEL_MAP_TILES: url, SAMENSPEL_MAP_TILES_ATTRIBUTION: 'Kaart' }),
      ).toThrow(ConfigError);
  });
});

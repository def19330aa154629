/** What a URL is, from the one module that says it (src/audit/urls.ts). */
import { describe, expect, it } from 'vitest';
import {
  hasSigningPath,
  isBrandSiteHref,
  siteOf,
  isDocumentViewerUrl,
  isGatewaySigningUrl,
  isVendorHost,
  isVendorPage,
  pointsToPdf,
  showsPdf,
} from '../../src/audit/urls';

describe('vendor hosts', () => {
  it('knows the vendors and their subdomains, by whole labels', () => {
    for (const h of ['dokobit.com', 'gateway-sandbox.dokobit.com', 'rp-api.smart-id.com', 'sid.demo.sk.ee', 'MID.SK.EE', 'id.dokobit.com.'])
      expect(isVendorHost(h), h).toBe(true);
    for (const h of ['desk.ee', 'notdokobit.com', 'dokobit.com.evil.example', 'smart-id.com.ua', 'example.com', '', undefined])
      expect(isVendorHost(h), String(h)).toBe(false);
  });

  it('calls a page the vendors serve (and their brand sites) a vendor page, whatever its port or path', () => {
    expect(isVendorPage('https://gateway.dokobit.com/signing/abc')).toBe(true);
    expect(isVendorPage('https://www.mobile-id.lt:8443/')).toBe(true);
    expect(isVendorPage('https://shop.example/?next=https://gateway.dokobit.com/')).toBe(false);
    expect(isVendorPage('not a url')).toBe(false);
  });

  it("recognises links to the brands' information sites, absolute or protocol-relative", () => {
    expect(isBrandSiteHref('https://www.smart-id.com/help')).toBe(true);
    expect(isBrandSiteHref('//mobiil.id.ee')).toBe(true);
    expect(isBrandSiteHref('https://www.id.ee/artikkel/')).toBe(true);
    expect(isBrandSiteHref('https://shop.example/smart-id.com')).toBe(false);
    expect(isBrandSiteHref('/smart-id')).toBe(false);
  });

  it('finds the Gateway signer page only on the gateway hosts', () => {
    expect(isGatewaySigningUrl('https://gateway-sandbox.dokobit.com/signing/t0k3n?access_token=x')).toBe(true);
    expect(isGatewaySigningUrl('https://shop.example/signing/t0k3n')).toBe(false);
    // Only the Gateway's own host may carry the signer's token (domain.md §3.3): not a lookalike, not its API.
    for (const u of [
      'https://gateway.dokobit.com.pay-example.lt/signing/t0k3n',
      'https://evil-gateway.dokobit.com/signing/t0k3n',
      'https://gateway.dokobit.com/api/signing/create.json',
      'https://gateway.dokobit.com/signing/',
      'not a url',
    ]) {
      expect(isGatewaySigningUrl(u), u).toBe(false);
    }
    expect(hasSigningPath('https://shop.example/signing/t0k3n?access_token=x')).toBe(true);
    expect(hasSigningPath('https://shop.example/api/signing/create.json')).toBe(false);
  });
});

describe('sites', () => {
  it('groups a host with its registrable domain, by whole labels', () => {
    expect(siteOf('api.shop.example.lt')).toBe('example.lt');
    expect(siteOf('Shop.Example.LT.')).toBe('example.lt');
    expect(siteOf('www.shop.co.uk')).toBe('shop.co.uk');
    expect(siteOf('pay.example.com.au')).toBe('example.com.au');
    expect(siteOf('www.google-analytics.com')).toBe('google-analytics.com');
    expect(siteOf('localhost')).toBe('localhost');
    expect(siteOf('127.0.0.1')).toBe('127.0.0.1');
    expect(siteOf('[::1]')).toBe('[::1]');
  });
});

describe('document URLs', () => {
  it("says a URL is a PDF file itself only when it is one (the browser's viewer shows it)", () => {
    for (const u of [
      'https://x/a/contract.pdf',
      'https://x/contract.PDF?v=2#page=1',
      'blob:https://x/5f1c',
      'data:application/pdf;base64,JVBER',
    ])
      expect(pointsToPdf(u), u).toBe(true);
    for (const u of ['https://x/pdf-guide.html', 'https://x/viewer.html?file=a.pdf', 'https://x/a.pdf.html'])
      expect(pointsToPdf(u), u).toBe(false);
  });

  it('says a URL shows a PDF when a viewer page is given one or its path names a viewer', () => {
    for (const u of [
      'https://x/pdfjs/web/viewer.html?file=%2Fdocs%2Fa.pdf',
      'https://x/viewer?doc=a.pdf',
      'https://x/pdf/123',
      'https://x/a.pdf',
    ])
      expect(showsPdf(u), u).toBe(true);
    for (const u of ['https://x/reviewer/123', 'https://x/sign?id=7', 'https://x/help?topic=pdf']) expect(showsPdf(u), u).toBe(false);
  });

  it('knows online document viewers by the file they are given', () => {
    expect(isDocumentViewerUrl('https://view.officeapps.live.com/op/embed.aspx?src=https%3A%2F%2Fx%2Fa.docx')).toBe(true);
    expect(isDocumentViewerUrl('https://x/embed?src=https://x/contract.odt')).toBe(true);
    expect(isDocumentViewerUrl('https://x/embed?src=https://x/video.mp4')).toBe(false);
  });

  it('stays linear on a hostile URL (a long run of parameters)', () => {
    const long = `https://x/v?${'file=a&'.repeat(20000)}`;
    expect(showsPdf(long)).toBe(false);
  });
});

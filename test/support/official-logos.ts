/** Loads official logo files on the extension's settings page, as a reviewer does (files from disk: no request). */
import { expect } from 'vitest';
import type { ExtensionSession } from '../../src/cli/launch';

export interface LogoFile {
  name: string;
  buffer: Buffer;
}

export async function loadOfficialLogos(session: ExtensionSession, smartId: LogoFile, mobileId: LogoFile): Promise<void> {
  const options = await session.context.newPage();
  await options.goto(`chrome-extension://${session.extensionId}/src/options/index.html`);
  await options.locator('#file-smart-id').setInputFiles({ ...smartId, mimeType: 'image/png' });
  await options.locator('#file-mobile-id').setInputFiles({ ...mobileId, mimeType: 'image/png' });
  await expect.poll(() => options.locator('.logo').count()).toBe(2);
  await options.close();
}

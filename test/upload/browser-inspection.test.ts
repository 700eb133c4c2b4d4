import { describe, expect, it } from 'vitest';
import { inspectPackage as inspectInBrowser } from '../../shared/upload-page/browser/inspect-package-browser.ts';
import { inspectPackage as inspectOnServer } from '../../shared/workbook/inspect-package.ts';
import { seedBytes } from '../helpers/seed.ts';
import { CORPUS } from '../hostile/corpus.ts';

/**
 * The upload page's package check (central directory only) and the server's share their per-part refusals
 * (shared/workbook/package-header.ts): the page never refuses what the server accepts, and for the refusals both can
 * tell it says the same thing, so a unit reads the same words before and after uploading.
 */
describe('package check in the browser against the server', () => {
  it('both accept the seed', async () => {
    const bytes = new Uint8Array(await seedBytes());
    expect(await inspectInBrowser(bytes)).toEqual({ ok: true });
    expect(await inspectOnServer(bytes)).toEqual({ ok: true });
  });

  it.each(CORPUS.filter((c) => c.packageLevel).map((c) => [c.id, c] as const))('%s', async (_id, c) => {
    const bytes = new Uint8Array(await c.build());
    const page = await inspectInBrowser(bytes);
    const server = await inspectOnServer(bytes);
    if (page.ok) return; // the page cannot see inside parts: the server may still refuse
    expect(server.ok).toBe(false);
    if (server.ok) return;
    expect(page.reason).toBe(server.reason);
    // The declared size of a zip64 part is only in its extra field, which the page does not read.
    if (c.id !== 'bomb-zip64-1tb') expect(page.message).toBe(server.message);
  });
});

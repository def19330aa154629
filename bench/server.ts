/** Serves the generated pages on 127.0.0.1 (the e2e tests' tiny server), one address per page. */
import { servePages } from '../test/e2e/pages-server';
import { contractPage, previewPage } from './pages';

export interface BenchPages {
  url: string;
  /** The contract page of about `elements` elements (code shown, no storm). */
  page(elements: number): string;
  /** The 10k page waiting with an empty code slot, for the change → verdict measure. */
  waiting(elements: number): string;
  /** The page whose countdown changes every animation frame. */
  storm(elements: number): string;
  close(): Promise<void>;
}

/** Contract pages of each size; the waiting and storm variants of the `live` sizes (the extension's measures). */
export async function serveBenchPages(sizes: number[], live: number[]): Promise<BenchPages> {
  const pages: Record<string, string> = { '/preview.html': previewPage() };
  for (const n of sizes) pages[`/contract-${n}.html`] = contractPage({ elements: n });
  for (const n of live) {
    pages[`/waiting-${n}.html`] = contractPage({ elements: n, code: null });
    pages[`/storm-${n}.html`] = contractPage({ elements: n, storm: true });
  }
  const server = await servePages(pages);
  return {
    url: server.url,
    page: (n) => `${server.url}/contract-${n}.html`,
    waiting: (n) => `${server.url}/waiting-${n}.html`,
    storm: (n) => `${server.url}/storm-${n}.html`,
    close: server.close,
  };
}

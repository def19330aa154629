/**
 * The review page: saved review sessions (several, each with name, integrator, environment and sites), the vendor's
 * review checklist with how-to-test, automatic evidence from the audited tabs and the reviewer's verdict and note,
 * the sandbox test-data card, and export (HTML, Markdown, JSON) / import. Everything stays in this browser.
 * Text from audited pages is only ever rendered as text.
 */
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import type { TabReport } from '../audit';
import {
  REQUIREMENTS,
  attachPicture,
  attachReport,
  createReview,
  setNote,
  setVerdict,
  updateMeta,
  type Environment,
  type Review,
  type Verdict,
} from '../review/model';
import { renderHtml, renderMarkdown, toJson, viewOf } from '../review/render';
import { english, type Translate } from '../review/strings';
import { localize, t as translate } from '../i18n';
import { currentLocale, setDocumentLanguage } from '../i18n/browser';
import { importReview } from '../review/import';
import { isReportKey, reportFromStorage } from '../shared/messages';
import { TEST_IDENTITIES, isProductionHost } from '../review/test-identities';
import { labels } from './labels';
import { TextField } from './text-field';

export const REVIEWS_KEY = 'reviews';

/** The review strings in the extension's language (set at start-up); exports use the same. */
let tr: Translate = english;
const CURRENT_KEY = 'currentReview';

type Store = Record<string, Review>;

let writes: Promise<unknown> = Promise.resolve();

/** One change at a time, read from storage, so two quick edits never lose one. */
function updateStore(change: (store: Store) => Store): Promise<Store> {
  const next = writes.then(async () => {
    const store = ((await browser.storage.local.get(REVIEWS_KEY))[REVIEWS_KEY] as Store | undefined) ?? {};
    const updated = change(store);
    await browser.storage.local.set({ [REVIEWS_KEY]: updated });
    return updated;
  });
  writes = next.catch(() => undefined);
  return next;
}

async function tabReports(): Promise<TabReport[]> {
  const all = await browser.storage.session.get(null);
  return Object.entries(all)
    .filter(([k]) => isReportKey(k))
    .map(([, v]) => reportFromStorage(v))
    .filter((r): r is TabReport => !!r);
}

function download(name: string, type: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function fileName(review: Review, ext: string): string {
  return `wysiwys-review-${(review.name || 'untitled').replace(/[^\p{L}\p{N}._-]+/gu, '-').slice(0, 60)}.${ext}`;
}

function App() {
  const [store, setStore] = useState<Store>({});
  const [current, setCurrent] = useState<string | null>(null);
  const [message, setMessage] = useState<{ text: string; kind: '' | 'error' | 'warn' } | null>(null);

  useEffect(() => {
    (async () => {
      const got = await browser.storage.local.get([REVIEWS_KEY, CURRENT_KEY]);
      setStore((got[REVIEWS_KEY] as Store | undefined) ?? {});
      setCurrent((got[CURRENT_KEY] as string | undefined) ?? null);
    })();
  }, []);

  const choose = async (id: string | null) => {
    setCurrent(id);
    await browser.storage.local.set({ [CURRENT_KEY]: id });
  };
  const change = async (id: string, f: (r: Review) => Review) => setStore(await updateStore((s) => (s[id] ? { ...s, [id]: f(s[id]) } : s)));

  const create = async () => {
    const granted = (await browser.permissions.getAll()).origins ?? [];
    const review = createReview({ name: labels.defaultName.replace('${date}', new Date().toISOString().slice(0, 10)), sites: granted });
    setStore(await updateStore((s) => ({ ...s, [review.id]: review })));
    await choose(review.id);
  };
  const remove = async (id: string) => {
    if (!confirm(labels.confirmDelete)) return;
    setStore(await updateStore((s) => Object.fromEntries(Object.entries(s).filter(([k]) => k !== id))));
    if (current === id) await choose(null);
  };
  const attach = async (review: Review) => {
    const reports = await tabReports();
    if (!reports.length) return setMessage({ text: labels.noReports, kind: 'warn' });
    const now = Date.now();
    // Pictures the reviewer took from the popup during the session come along as evidence.
    const taken =
      ((await browser.runtime.sendMessage({ type: 'get-pictures' })) as { pictures?: { url: string; checkId: string; dataUrl: string }[] })
        .pictures ?? [];
    await change(review.id, (r) => {
      let next = reports.reduce((acc, rep) => attachReport(acc, rep, now), r);
      for (const p of taken) {
        try {
          next = attachPicture(next, { url: p.url, checkId: p.checkId }, p.dataUrl, now);
        } catch {
          /* a picture of a page not attached, or not an image: leave it out */
        }
      }
      return next;
    });
    setMessage({ text: labels.attached.replace('${n}', String(reports.length)), kind: '' });
  };
  const importFile = async (file: File | undefined) => {
    if (!file) return;
    const result = importReview(await file.text(), Object.keys(store));
    if (!result.ok) return setMessage({ text: result.error, kind: 'error' });
    if (result.replaces && !confirm(labels.importReplace)) return;
    setStore(await updateStore((s) => ({ ...s, [result.review.id]: result.review })));
    await choose(result.review.id);
    setMessage({ text: labels.imported, kind: '' });
  };

  const review = current ? store[current] : undefined;
  const reviews = Object.values(store).sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
  return (
    <div class="layout">
      <aside>
        <h1>{labels.reviews}</h1>
        <button type="button" class="primary" id="new-review" onClick={create}>
          {labels.newReview}
        </button>
        <ul class="reviews">
          {reviews.map((r) => (
            <li key={r.id} class={r.id === current ? 'current' : ''}>
              <button type="button" class="open" onClick={() => choose(r.id)}>
                {r.name || tr('review_untitled')}
              </button>
              <button type="button" class="delete" onClick={() => remove(r.id)} title={labels.delete}>
                ×
              </button>
            </li>
          ))}
        </ul>
        <label>
          {labels.import}{' '}
          <input
            type="file"
            id="import"
            accept="application/json,.json"
            onChange={(e) => importFile((e.target as HTMLInputElement).files?.[0])}
          />
        </label>
      </aside>
      <main>
        {message && (
          <div class={`notice ${message.kind}`} id="message">
            {message.text}
          </div>
        )}
        {!review && <p>{labels.empty}</p>}
        {review && <ReviewEditor key={review.id} review={review} onChange={(f) => change(review.id, f)} onAttach={() => attach(review)} />}
      </main>
    </div>
  );
}

function ReviewEditor({
  review,
  onChange,
  onAttach,
}: {
  review: Review;
  onChange: (f: (r: Review) => Review) => void;
  onAttach: () => void;
}) {
  const production =
    review.environment === 'production' ||
    review.reports.some((r) => {
      try {
        return isProductionHost(new URL(r.url).hostname);
      } catch {
        return false;
      }
    });
  const view = viewOf(review, tr);
  return (
    <div id="review" data-review-id={review.id}>
      <h1>{labels.title}</h1>
      <div class="meta-grid">
        <label for="review-name">{labels.name}</label>
        <TextField id="review-name" stored={review.name} onSave={(name) => onChange((r) => updateMeta(r, { name }, Date.now()))} />
        <label for="review-integrator">{labels.integrator}</label>
        <TextField
          id="review-integrator"
          stored={review.integrator}
          onSave={(integrator) => onChange((r) => updateMeta(r, { integrator }, Date.now()))}
        />
        <label for="review-environment">{labels.environment}</label>
        <select
          id="review-environment"
          value={review.environment}
          onChange={(e) =>
            onChange((r) => updateMeta(r, { environment: (e.target as HTMLSelectElement).value as Environment }, Date.now()))
          }
        >
          <option value="sandbox">{tr('environment_sandbox')}</option>
          <option value="production">{tr('environment_production')}</option>
          <option value="unknown">{tr('environment_unknown')}</option>
        </select>
        <span>{labels.sites}</span>
        <span class="url">{review.sites.join(', ') || '—'}</span>
      </div>
      <div class="toolbar">
        <button type="button" class="primary" id="attach" onClick={onAttach}>
          {labels.attach}
        </button>
        <span>{labels.export}:</span>
        <button type="button" id="export-html" onClick={() => download(fileName(review, 'html'), 'text/html', renderHtml(review, tr))}>
          {labels.exportHtml}
        </button>
        <button type="button" id="export-md" onClick={() => download(fileName(review, 'md'), 'text/markdown', renderMarkdown(review, tr))}>
          {labels.exportMd}
        </button>
        <button type="button" id="export-json" onClick={() => download(fileName(review, 'json'), 'application/json', toJson(review))}>
          {labels.exportJson}
        </button>
      </div>

      <h2>{labels.checklist}</h2>
      {REQUIREMENTS.map((def, k) => {
        const state = review.requirements.find((r) => r.id === def.id)!;
        // The same view the exports are made from: what the reviewer sees here is what the report says.
        const req = view.requirements[k];
        return (
          <section class="req" key={def.id} data-requirement={def.id} data-verdict={state.verdict}>
            <h3>
              {req.number}. {req.title}
            </h3>
            <div class="how">
              <strong>{labels.how}:</strong> {req.howToTest}
            </div>
            <div>
              {labels.auto}:{' '}
              <span class={`badge ${req.auto.kind}`}>
                {req.auto.icon} {req.auto.label}
              </span>
            </div>
            {req.evidence.length > 0 && (
              <ul class="evidence">
                {req.evidence.map((e, i) => (
                  <li key={i}>
                    <span class={`badge ${e.status.kind}`}>
                      {e.status.icon} {e.status.label}
                    </span>{' '}
                    <strong>{e.checkTitle}</strong>: {e.summary}
                    {(e.url || e.observed) && <div class="url">{[e.url, e.observed].filter(Boolean).join(' · ')}</div>}
                    {e.picture && (
                      <div>
                        <img class="evidence-picture" src={e.picture.src} alt={e.picture.alt} />
                      </div>
                    )}
                    {e.pictureDropped && <div class="url">{e.pictureDropped}</div>}
                  </li>
                ))}
              </ul>
            )}
            <div class="verdicts">
              {labels.verdict}:{' '}
              {(['pass', 'fail', 'not-tested'] as Verdict[]).map((v) => (
                <label key={v}>
                  <input
                    type="radio"
                    name={`verdict-${def.id}`}
                    value={v}
                    checked={state.verdict === v}
                    onChange={() => onChange((r) => setVerdict(r, def.id, v, undefined, Date.now()))}
                  />{' '}
                  {labels.verdicts[v]}
                </label>
              ))}
            </div>
            <TextField
              multiline
              rows={2}
              placeholder={labels.note}
              stored={state.note}
              data-note={def.id}
              onSave={(note) => onChange((r) => setNote(r, def.id, note, Date.now()))}
            />
          </section>
        );
      })}

      <h2>{labels.testData}</h2>
      {production && (
        <div class="notice warn" id="production-warning">
          {labels.testDataWarn}
        </div>
      )}
      <table class="testdata">
        <thead>
          <tr>
            <th>{labels.testMethod}</th>
            <th>{labels.testCountry}</th>
            <th>{labels.testCode}</th>
            <th>{labels.testPhone}</th>
            <th>{labels.testResult}</th>
            {/* The copy buttons' column: named for screen readers, empty to the eye. */}
            <th>
              <span class="visually-hidden">{labels.copy}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {TEST_IDENTITIES.map((t) => (
            <tr key={t.method + t.country + t.code}>
              <td>{t.method}</td>
              <td>{t.country}</td>
              <td>
                <code>{t.code}</code>
              </td>
              <td>{t.phone ?? ''}</td>
              <td>{t.result}</td>
              <td>
                <button type="button" onClick={() => navigator.clipboard.writeText(t.phone ? `${t.code} ${t.phone}` : t.code)}>
                  {labels.copy}
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

(async () => {
  const locale = await currentLocale();
  tr = (key, substitutions) => translate(locale, key, {}, substitutions);
  Object.assign(labels, localize(labels, 'reviewpage', locale));
  setDocumentLanguage(locale);
  render(<App />, document.getElementById('app')!);
})();

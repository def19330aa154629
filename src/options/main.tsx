/**
 * Settings: a reviewer loads the official Smart-ID / Mobile-ID logo files (e.g. SK's Smart-ID_login.zip contents).
 * Page logos are then compared with them by perceptual hash. Files stay in the extension's local storage.
 */
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import { format } from '../audit';
import type { OfficialLogo } from '../audit';
import { hashImage } from '../shared/image-hash';
import { OFFICIAL_LOGOS_KEY } from '../shared/messages';
import { LANGUAGE_NAMES, LOCALES, UI_LANGUAGE_KEY, localize } from '../i18n';
import { currentLocale, setDocumentLanguage, storedLanguage } from '../i18n/browser';
import { optionsStrings } from './strings';
import { PANEL_HIGH_CONTRAST_KEY } from '../shared/panel-settings';

const BRANDS: { id: OfficialLogo['brand']; label: () => string }[] = [
  { id: 'smart-id', label: () => optionsStrings.brand_smart_id },
  { id: 'mobile-id', label: () => optionsStrings.brand_mobile_id },
];

function readAsDataUrl(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });
}

let writes: Promise<void> = Promise.resolve();

function Options({ language }: { language: string }) {
  const [logos, setLogos] = useState<OfficialLogo[]>([]);
  const [error, setError] = useState('');
  const [highContrast, setHighContrast] = useState(false);
  useEffect(() => {
    browser.storage.local.get([OFFICIAL_LOGOS_KEY, PANEL_HIGH_CONTRAST_KEY]).then((s) => {
      setLogos((s[OFFICIAL_LOGOS_KEY] as OfficialLogo[]) ?? []);
      setHighContrast(s[PANEL_HIGH_CONTRAST_KEY] === true);
    });
  }, []);
  // Read-modify-write against storage, one change at a time: two file pickers used quickly must not lose a file.
  const update = (change: (current: OfficialLogo[]) => OfficialLogo[]) => {
    writes = writes.then(async () => {
      const current = ((await browser.storage.local.get(OFFICIAL_LOGOS_KEY))[OFFICIAL_LOGOS_KEY] as OfficialLogo[] | undefined) ?? [];
      const next = change(current);
      await browser.storage.local.set({ [OFFICIAL_LOGOS_KEY]: next });
      setLogos(next);
    });
    return writes;
  };
  const add = async (brand: OfficialLogo['brand'], files: FileList | null) => {
    setError('');
    const added: OfficialLogo[] = [];
    for (const file of Array.from(files ?? [])) {
      if (!/^image\//.test(file.type)) {
        setError(format(optionsStrings.notImage, { name: file.name }));
        continue;
      }
      try {
        const dataUrl = await readAsDataUrl(file);
        added.push({ brand, name: file.name, dataUrl, hash: await hashImage(dataUrl) });
      } catch (e) {
        setError(format(optionsStrings.unreadable, { name: file.name, error: e instanceof Error ? e.message : String(e) }));
      }
    }
    if (added.length) await update((current) => [...current, ...added]);
  };
  return (
    <main>
      <h1>{optionsStrings.title}</h1>
      <label>
        {optionsStrings.language}{' '}
        <select
          id="language"
          value={language}
          onChange={async (e) => {
            const value = (e.target as HTMLSelectElement).value;
            if (value) await browser.storage.local.set({ [UI_LANGUAGE_KEY]: value });
            else await browser.storage.local.remove(UI_LANGUAGE_KEY);
            location.reload();
          }}
        >
          <option value="">{optionsStrings.languageAuto}</option>
          {LOCALES.map((l) => (
            <option key={l} value={l}>
              {LANGUAGE_NAMES[l]}
            </option>
          ))}
        </select>
      </label>
      <section>
        <h2>{optionsStrings.panelHeading}</h2>
        <label>
          <input
            type="checkbox"
            id="panel-high-contrast"
            checked={highContrast}
            onChange={async (e) => {
              const on = (e.target as HTMLInputElement).checked;
              setHighContrast(on);
              await browser.storage.local.set({ [PANEL_HIGH_CONTRAST_KEY]: on });
            }}
          />{' '}
          {optionsStrings.panelHighContrast}
        </label>
        <p class="meta">{optionsStrings.panelHighContrastHint}</p>
      </section>
      <h2>{optionsStrings.logosHeading}</h2>
      <p>{optionsStrings.intro}</p>
      {error && <p class="error">{error}</p>}
      {BRANDS.map((b) => (
        <section key={b.id}>
          <h3>
            <label for={`file-${b.id}`}>{format(optionsStrings.loadLogos, { brand: b.label() })}</label>
          </h3>
          <input
            type="file"
            accept="image/*"
            multiple
            id={`file-${b.id}`}
            onChange={(e) => add(b.id, (e.target as HTMLInputElement).files)}
          />
          <div class="logos">
            {logos
              .filter((l) => l.brand === b.id)
              .map((l) => (
                <div class="logo" key={l.name + l.hash}>
                  <img src={l.dataUrl} alt={l.name} />
                  <div>{l.name}</div>
                  <div class="meta">{format(optionsStrings.hash, { hash: l.hash })}</div>
                  <button
                    type="button"
                    onClick={() =>
                      update((current) => current.filter((x) => !(x.name === l.name && x.hash === l.hash && x.brand === l.brand)))
                    }
                  >
                    {optionsStrings.remove}
                  </button>
                </div>
              ))}
          </div>
        </section>
      ))}
    </main>
  );
}

(async () => {
  const locale = await currentLocale();
  Object.assign(optionsStrings, localize(optionsStrings, 'options', locale));
  setDocumentLanguage(locale);
  render(<Options language={(await storedLanguage()) ?? ''} />, document.getElementById('app')!);
})();

/**
 * Settings: a reviewer loads the official Smart-ID / Mobile-ID logo files (e.g. SK's Smart-ID_login.zip contents).
 * Page logos are then compared with them by perceptual hash. Files stay in the extension's local storage.
 */
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import type { OfficialLogo } from '../audit/logo-compare';
import { hashImage } from '../shared/image-hash';
import { OFFICIAL_LOGOS_KEY } from '../shared/messages';

const BRANDS: { id: OfficialLogo['brand']; label: string }[] = [
  { id: 'smart-id', label: 'Smart-ID' },
  { id: 'mobile-id', label: 'Mobile-ID' },
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

function Options() {
  const [logos, setLogos] = useState<OfficialLogo[]>([]);
  const [error, setError] = useState('');
  useEffect(() => {
    browser.storage.local.get(OFFICIAL_LOGOS_KEY).then((s) => setLogos((s[OFFICIAL_LOGOS_KEY] as OfficialLogo[]) ?? []));
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
        setError(`${file.name} is not an image (PNG, SVG, JPEG or WebP).`);
        continue;
      }
      try {
        const dataUrl = await readAsDataUrl(file);
        added.push({ brand, name: file.name, dataUrl, hash: await hashImage(dataUrl) });
      } catch (e) {
        setError(`${file.name} could not be read: ${e instanceof Error ? e.message : e}`);
      }
    }
    if (added.length) await update((current) => [...current, ...added]);
  };
  return (
    <div>
      <h1>WYSIWYS Auditor — settings</h1>
      <p>
        Load the official logo files (SK ID Solutions' Smart-ID login buttons, your Mobile-ID kit). The brand-logo check then
        compares each logo on the page with them by perceptual hash; a logo that differs is marked <em>needs review</em> with both pictures.
        The files stay in this browser.
      </p>
      {error && <p class="error">{error}</p>}
      {BRANDS.map((b) => (
        <section key={b.id}>
          <h2>{b.label}</h2>
          <input type="file" accept="image/*" multiple id={`file-${b.id}`} onChange={(e) => add(b.id, (e.target as HTMLInputElement).files)} />
          <div class="logos">
            {logos.filter((l) => l.brand === b.id).map((l) => (
              <div class="logo" key={l.name + l.hash}>
                <img src={l.dataUrl} alt={l.name} />
                <div>{l.name}</div>
                <div class="meta">hash {l.hash}</div>
                <button onClick={() => update((current) => current.filter((x) => !(x.name === l.name && x.hash === l.hash && x.brand === l.brand)))}>Remove</button>
              </div>
            ))}
          </div>
        </section>
      ))}
    </div>
  );
}

render(<Options />, document.getElementById('app')!);

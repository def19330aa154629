/**
 * Generated pages for the bench: a long Lithuanian service contract with a signing panel (Smart-ID step: control
 * code, compare instruction, cancel), sections of clauses with 4-digit prices, price tables, lists and buttons
 * (≈ 5.5 % of the elements are buttons: ≈ 550 on a 10k page), plus the shapes that make a walk expensive — one deep
 * nesting chain, paragraphs split into many text nodes, an open and a closed shadow root, and a same-origin iframe
 * with the document preview. Deterministic: the same size gives the same page.
 */

export interface ContractPageOptions {
  /** Elements of the light DOM (html, head and body included) to aim for; lands within a few percent. */
  elements: number;
  /** The control code shown in the signing panel; null: the panel waits with an empty code slot. */
  code?: string | null;
  /** Rewrite a countdown on every animation frame (and every 50 ms by timer, which hidden tabs throttle but keep). */
  storm?: boolean;
  /** Address of the preview iframe (a same-origin page, see previewPage). */
  previewSrc?: string;
}

/** Ids the bench mutates (the page's own markup: nothing the extension looks for). */
export const PAGE_IDS = { codeSlot: 'signing-code-slot', code: 'signing-code', cancel: 'cancel-signing', timer: 'session-timer' } as const;

const TITLES = [
  'Sutarties dalykas',
  'Kaina ir mokėjimo tvarka',
  'Šalių teisės ir pareigos',
  'Paslaugų teikimo terminai',
  'Konfidencialumas',
  'Asmens duomenų tvarkymas',
  'Atsakomybė',
  'Sutarties galiojimas ir nutraukimas',
  'Ginčų sprendimas',
  'Baigiamosios nuostatos',
];
const SERVICES = [
  'Svetainės priežiūra',
  'Serverio nuoma',
  'Konsultacijos',
  'Duomenų migracija',
  'Mokymai',
  'Licencija',
  'Techninė pagalba',
  'Atsarginės kopijos',
];
const TERMS = [
  'Mokėjimas atliekamas per 14 dienų nuo sąskaitos išrašymo',
  'Delspinigiai sudaro 0,05 % nuo laiku nesumokėtos sumos',
  'Kaina nurodyta be PVM',
  'Išankstinis mokėjimas',
  'Metinis mokestis',
  'Vienkartinis diegimo mokestis',
];

/** A 4-digit price that varies with i (never a control code: it is a price, with its currency beside it). */
const price = (i: number) => 1000 + ((i * 7919) % 9000);

/** Counts element start tags in HTML the generator wrote (no comments, no `<` in text: it escapes nothing). */
export const countTags = (html: string) => html.match(/<[a-z][a-z0-9-]*/g)?.length ?? 0;

function section(i: number): string {
  const n = i + 1;
  const title = TITLES[i % TITLES.length];
  const rows: string[] = [];
  for (let r = 0; r < 5; r++) {
    const service = SERVICES[(i + r) % SERVICES.length];
    const action = r === 0 || r === 3 ? '<button type="button">Rinktis</button>' : r === 1 ? 'Įtraukta' : '—';
    rows.push(`<tr><td>${service}</td><td>${1 + ((i + r) % 12)} vnt.</td><td>${price(i * 5 + r)},00 EUR</td><td>${action}</td></tr>`);
  }
  const terms = TERMS.map((t, k) => `<li><span>${t}</span> — <b>${price(i * 6 + k + 3)} €</b></li>`).join('');
  const actions =
    i % 2 === 0
      ? '<button type="button">Peržiūrėti</button>'
      : '<button type="button">Peržiūrėti</button><button type="button">Atsisiųsti priedą</button>';
  // Paragraphs split into several text nodes by inline elements, as real contract text is.
  return `<section class="clause" id="clause-${n}"><h2>${n}. ${title}</h2>
<p>${n}.1. Paslaugų teikėjas įsipareigoja suteikti paslaugas už <b>${price(i)} EUR</b> kainą pagal užsakymą
<span class="ref">Nr. 2025-${String(1000 + i).slice(-4)}</span>, o Užsakovas — laiku sumokėti (žr. <a href="#clause-${n}">${n}.2 p.</a>).</p>
<p>${n}.2. Šalys susitaria, kad <em>visi pakeitimai</em> įforminami raštu; kaina gali keistis ne daugiau kaip ${price(i + 1)} EUR per metus.</p>
<table class="prices"><caption>Kainų lentelė ${n}</caption><thead><tr><th>Paslauga</th><th>Kiekis</th><th>Kaina</th><th>Veiksmas</th></tr></thead>
<tbody>${rows.join('')}</tbody></table>
<ul class="terms">${terms}</ul>
<div class="actions">${actions}</div></section>\n`;
}

/** A chain of nested wrappers, the way component trees nest, ending in one line of text. */
function nesting(depth: number): string {
  return `${'<div class="wrap">'.repeat(depth)}<p>Priedas Nr. 3: papildomos paslaugos už ${price(depth)} EUR</p>${'</div>'.repeat(depth)}\n`;
}

const PAGE_SCRIPT = (storm: boolean) => `<script>
(() => {
  // An open shadow root (help widget) and a closed one (contact card), as web components draw them.
  const open = document.getElementById('help-widget').attachShadow({ mode: 'open' });
  open.innerHTML = '<style>p{margin:4px 0}</style><h3>Pagalba</h3><p>Klausimai dėl sutarties? Skambinkite <b>1855</b> darbo dienomis.</p>' +
    '<ul><li>Kaip pasirašyti?</li><li>Kur rasti sutartį?</li><li>Mokėjimo būdai</li></ul><button type="button">Rašyti žinutę</button>';
  const closed = document.getElementById('contact-card').attachShadow({ mode: 'closed' });
  closed.innerHTML = '<div><h3>Jūsų vadybininkė</h3><p>Ona Petraitienė</p><p>Tel. +370 600 12345</p>' +
    '<p>Konsultacijos kaina <b>1200 EUR</b> per metus</p><button type="button">Susisiekti</button></div>';
  ${
    storm
      ? `// The session countdown is rewritten every animation frame (and by a 50 ms timer, which hidden tabs throttle).
  const timer = document.getElementById('${PAGE_IDS.timer}');
  const start = performance.now();
  const tick = () => {
    const left = Math.max(0, 300000 - (performance.now() - start));
    timer.textContent = Math.floor(left / 60000) + ':' + String(Math.floor(left / 1000) % 60).padStart(2, '0') + '.' + String(Math.floor(left / 10) % 100).padStart(2, '0');
  };
  const frame = () => { tick(); requestAnimationFrame(frame); };
  requestAnimationFrame(frame);
  setInterval(tick, 50);`
      : ''
  }
})();
</script>`;

function signingPanel(code: string | null): string {
  const shown =
    code === null ? '' : `<p id="${PAGE_IDS.code}" style="font-size:36px;font-weight:700;letter-spacing:4px;margin:4px 0">${code}</p>`;
  return `<aside class="signing" aria-label="Sutarties pasirašymas" style="border:2px solid #0b5394;padding:12px;margin:12px 0;max-width:640px">
<h2>Pasirašykite sutartį su Smart-ID</h2>
<p>Kontrolinis kodas</p><div id="${PAGE_IDS.codeSlot}">${shown}</div>
<p>Įsitikinkite, kad Smart-ID programėlėje rodomas toks pat kontrolinis kodas, ir įveskite PIN2.</p>
<p>Sesija baigsis po <span id="${PAGE_IDS.timer}">5:00.00</span></p>
<button type="button" id="${PAGE_IDS.cancel}">Atšaukti</button></aside>\n`;
}

/** The contract page: about `elements` elements in the light DOM, plus two small shadow roots and the preview frame. */
export function contractPage(options: ContractPageOptions): string {
  const { elements, code = '4821', storm = false, previewSrc = '/preview.html' } = options;
  const depth = Math.max(20, Math.min(400, Math.round(elements / 50)));
  const head = `<!doctype html><html lang="lt"><head><meta charset="utf-8"><title>Paslaugų sutartis Nr. 2025-0412</title>
<style>body{font:16px/1.4 system-ui,sans-serif;margin:0 24px}.wrap{padding-left:0}table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:2px 6px}</style></head>
<body><header><nav><a href="/">Pradžia</a> <a href="/sutartys">Sutartys</a> <a href="/saskaitos">Sąskaitos</a> <a href="/profilis">Profilis</a></nav></header>
<main><h1>Paslaugų sutartis Nr. 2025-0412</h1>
<p>Sudaryta 2025 m. kovo 14 d. Vilniuje tarp UAB „Pavyzdys“ (Paslaugų teikėjas) ir Užsakovo.</p>\n`;
  const top = `${signingPanel(code)}<iframe src="${previewSrc}" title="Sutarties peržiūra" width="700" height="260"></iframe>
<div id="help-widget"></div><div id="contact-card"></div>\n`;
  const tail = `${nesting(depth)}</main><footer><p>© 2025 UAB „Pavyzdys“. Visos teisės saugomos.</p></footer>${PAGE_SCRIPT(storm)}</body></html>`;
  let count = countTags(head) + countTags(top) + countTags(tail);
  const sections: string[] = [];
  // Sections until the next one would overshoot the target by more than half of itself.
  for (let i = 0; ; i++) {
    const s = section(i);
    const size = countTags(s);
    if (count + size / 2 > elements) break;
    sections.push(s);
    count += size;
  }
  return head + top + sections.join('') + tail;
}

/** The document preview shown in the iframe: contract text as the integrator renders it. */
export function previewPage(): string {
  const paragraphs = TITLES.map((t, i) => `<h3>${i + 1}. ${t}</h3><p>Šalys susitaria dėl ${t.toLowerCase()}; suma ${price(i)} EUR.</p>`);
  return `<!doctype html><html lang="lt"><head><meta charset="utf-8"><title>Sutarties peržiūra</title></head>
<body><article><h2>Paslaugų sutartis Nr. 2025-0412</h2>${paragraphs.join('')}</article></body></html>`;
}

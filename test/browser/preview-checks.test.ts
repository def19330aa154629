/**
 * The named checks of the preview rule, one by one, on small pages in real Chromium: each page is gathered as the
 * content script would, modelled as the rule models it, and the check is called directly with what the page offers.
 * The rule's status is the aggregate of these verdicts (src/audit/checks.ts); the fixtures judge the whole rule.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GatheredPages } from '../support/gathered-page';
import { modelsOf, type FrameModel } from '../../src/audit/model';
import { findConfirmationStep, findSigningIntent } from '../../src/audit/signals/step';
import { helpSteps, showsDocumentText, titledAsDocument } from '../../src/audit/signals/document';
import {
  batchFilesOpenable,
  batchRowsOpenable,
  meansOfPreview,
  previewEvidence,
  unviewableDocuments,
  type ListedFile,
  type Means,
} from '../../src/audit/rules/preview';

const pages = new GatheredPages();
beforeAll(() => pages.start());
afterAll(() => pages.stop());

interface Loaded {
  models: FrameModel[];
  means: Means[];
  files: ListedFile[];
}

/** Loads a page, gathers its frames and collects what it offers to see the document by, as the rule does. */
async function load(html: string, lang = 'en'): Promise<Loaded> {
  const models = modelsOf(await pages.snapshot(html, lang));
  const intent = findSigningIntent(models, findConfirmationStep(models));
  expect(intent.signals.length, 'the page offers signing').toBeGreaterThan(0);
  return { models, ...previewEvidence(models, intent) };
}

const BUTTON_STYLE = '<style>button, a { font-size: 16px; padding: 8px 14px; } iframe { width: 800px; height: 560px; }</style>';

describe('batch-rows-openable', () => {
  const table = (third: string) => `${BUTTON_STYLE}
    <h1>Dokumentai pasirašymui</h1>
    <table>
      <tr><td>Paskolos sutartis Nr. 2024-118</td><td><button type="button">Peržiūrėti</button></td></tr>
      <tr><td>Mokėjimų grafikas Nr. 2024-118</td><td><button type="button">Peržiūrėti</button></td></tr>
      <tr><td>Draudimo sutartis Nr. 2024-118</td><td>${third}</td></tr>
    </table>
    <button type="button">Pasirašyti visus su Smart-ID</button>`;

  it('fails the row of a batch that cannot be opened while its siblings can', async () => {
    const { models, means } = await load(table('Ruošiama…'), 'lt');
    const verdicts = batchRowsOpenable(models, means);
    expect(verdicts).toHaveLength(1);
    expect(verdicts[0]).toMatchObject({ check: 'batch-rows-openable', verdict: 'fail' });
    expect(verdicts[0].reason).toMatch(/^1 of 3 documents cannot be opened \(Draudimo sutartis/);
    expect(verdicts[0].findings).toHaveLength(1);
    expect(verdicts[0].findings[0]).toMatchObject({ outcome: 'fail', evidence: { text: expect.stringContaining('Draudimo sutartis') } });
  });

  it('holds (no verdict) when every row of the batch can be opened', async () => {
    const { models, means } = await load(table('<button type="button">Peržiūrėti</button>'), 'lt');
    expect(means.filter((m) => m.ok && m.opener)).toHaveLength(3);
    expect(batchRowsOpenable(models, means)).toEqual([]);
  });

  it('says nothing of a page with no opening control', async () => {
    const { models, means } = await load(`${BUTTON_STYLE}<p>Договор аренды</p><button type="button">Подписать с Mobile-ID</button>`, 'ru');
    expect(batchRowsOpenable(models, means)).toEqual([]);
  });
});

describe('batch-files-openable', () => {
  const listing = (items: string, extra = '') => `${BUTTON_STYLE}
    <h1>Iesnieguma parakstīšana</h1>
    <ul>${items}</ul>${extra}
    <button type="button">Parakstīt ar Smart-ID</button>`;

  it('fails when listed documents cannot be opened and no viewer may show them', async () => {
    const { models, files, means } = await load(listing('<li>iesniegums.docx (24 KB)</li><li>pielikums_1.pdf (80 KB)</li>'), 'lv');
    const verdicts = batchFilesOpenable(models, files, means);
    expect(verdicts).toHaveLength(1);
    expect(verdicts[0]).toMatchObject({
      check: 'batch-files-openable',
      verdict: 'fail',
      reason: '2 of 2 documents cannot be opened (iesniegums.docx, pielikums_1.pdf)',
    });
    expect(verdicts[0].findings.map((f) => f.evidence.fileName)).toEqual(['iesniegums.docx', 'pielikums_1.pdf']);
  });

  it('holds when every listed document is a link that opens it', async () => {
    const { models, files, means } = await load(
      listing('<li><a href="/f/iesniegums.docx">iesniegums.docx</a></li><li><a href="/f/pielikums_1.pdf">pielikums_1.pdf</a></li>'),
      'lv',
    );
    expect(files.every((f) => f.openable)).toBe(true);
    expect(batchFilesOpenable(models, files, means)).toEqual([]);
  });

  it('holds when the one file that cannot be opened is the one a viewer shows', async () => {
    const { models, files, means } = await load(
      listing(
        '<li><a href="/f/iesniegums.pdf">iesniegums.pdf</a></li><li>pielikums_1.pdf</li>',
        '<iframe src="/f/pielikums_1.pdf" title="pielikums_1.pdf"></iframe>',
      ),
      'lv',
    );
    expect(files.filter((f) => !f.openable)).toHaveLength(1);
    expect(batchFilesOpenable(models, files, means)).toEqual([]);
  });

  it('sets a signature container aside when its files are listed', async () => {
    const { models, files, means } = await load(
      listing(
        '<li><a href="/f/iesniegums.docx">iesniegums.docx</a></li><li><a href="/f/pielikums.pdf">pielikums.pdf</a></li>',
        '<p>Konteiners: iesniegums.edoc</p>',
      ),
      'lv',
    );
    expect(files.map((f) => f.name)).toContain('iesniegums.edoc');
    expect(batchFilesOpenable(models, files, means)).toEqual([]);
  });
});

describe('means-of-preview', () => {
  it('passes a PDF viewer that is shown', async () => {
    const { models, means } = await load(
      `${BUTTON_STYLE}<h1>Service agreement</h1><iframe src="/files/contract.pdf"></iframe><button>Sign</button>`,
    );
    const verdicts = meansOfPreview(models, means);
    expect(verdicts.map((v) => [v.check, v.verdict, v.reason])).toEqual([['means-of-preview', 'pass', 'PDF frame "/files/contract.pdf"']]);
    expect(verdicts[0].findings[0]).toMatchObject({ outcome: 'pass', severity: 'minor', evidence: { src: '/files/contract.pdf' } });
  });

  it('puts a large frame it cannot read in review', async () => {
    const { models, means } = await load(
      `${BUTTON_STYLE}<h1>Your mortgage offer</h1><iframe src="https://docs.lender-vendor.invalid/embed/8a7f3c"></iframe><button>Sign with Smart-ID</button>`,
    );
    const verdicts = meansOfPreview(models, means);
    expect(verdicts).toHaveLength(1);
    expect(verdicts[0]).toMatchObject({ verdict: 'review', findings: [{ outcome: 'review', severity: 'moderate' }] });
    expect(verdicts[0].reason).toContain('https://docs.lender-vendor.invalid');
  });

  it('fails a preview control that is disabled', async () => {
    const { models, means } = await load(
      `${BUTTON_STYLE}<h1>Liisinguleping</h1><button type="button" disabled>Vaata lepingut</button><button type="button">Allkirjasta Smart-ID-ga</button>`,
      'et',
    );
    const verdicts = meansOfPreview(models, means);
    expect(verdicts.map((v) => [v.verdict, v.reason])).toEqual([['fail', 'the preview control "Vaata lepingut" is disabled (disabled)']]);
    expect(verdicts[0].findings[0]).toMatchObject({ outcome: 'fail', severity: 'critical' });
  });

  it('judges each means on its own, in page order', async () => {
    const { models, means } = await load(
      `${BUTTON_STYLE}<iframe src="/files/contract.pdf" style="display:none"></iframe><a href="/files/contract.pdf">Peržiūrėti sutartį</a><button>Pasirašyti</button>`,
      'lt',
    );
    expect(meansOfPreview(models, means).map((v) => v.verdict)).toEqual(['fail', 'pass']);
  });
});

describe('unviewable-documents', () => {
  it('fails with the file name when the page names the document and offers nothing to see it', async () => {
    const { models, files, means } = await load(
      `${BUTTON_STYLE}<h1>Подписание договора</h1><p>Документ: dogovor_45.pdf</p><button type="button">Подписать с Mobile-ID</button>`,
      'ru',
    );
    expect(means).toEqual([]);
    const verdicts = unviewableDocuments(models, files, means);
    expect(verdicts.map((v) => [v.check, v.verdict, v.reason])).toEqual([
      ['unviewable-documents', 'fail', 'only the file name "dogovor_45.pdf" is shown'],
    ]);
    expect(verdicts[0].findings[0]).toMatchObject({ outcome: 'fail', evidence: { fileName: 'dogovor_45.pdf' } });
  });

  it('fails with a download offered only after signing', async () => {
    const { models, files, means } = await load(
      `${BUTTON_STYLE}<h1>Sutarties pasirašymas</h1><p>Pasirašytą dokumentą galėsite atsisiųsti po pasirašymo.</p><button type="button">Pasirašyti su Smart-ID</button>`,
      'lt',
    );
    const verdicts = unviewableDocuments(models, files, means);
    expect(verdicts).toHaveLength(1);
    expect(verdicts[0]).toMatchObject({ verdict: 'fail', findings: [] });
    expect(verdicts[0].reason).toMatch(/^the document is only offered after signing \("Pasirašytą dokumentą galėsite atsisiųsti/);
  });

  it('says nothing when a doubtful means may show the document', async () => {
    const { models, files, means } = await load(
      `${BUTTON_STYLE}<p>contract_2024.pdf</p><iframe src="https://docs.vendor.invalid/embed/1"></iframe><button>Sign with Smart-ID</button>`,
    );
    expect(files.map((f) => f.name)).toEqual(['contract_2024.pdf']);
    expect(unviewableDocuments(models, files, means)).toEqual([]);
  });

  it('says nothing when a working means shows the document', async () => {
    const { models, files, means } = await load(
      `${BUTTON_STYLE}<p>contract_2024.pdf</p><iframe src="/files/contract_2024.pdf"></iframe><button>Sign with Smart-ID</button>`,
    );
    expect(unviewableDocuments(models, files, means)).toEqual([]);
  });
});

describe('document signals (src/audit/signals/document.ts)', () => {
  const clauses = (heading: string, items: string[]) =>
    `${BUTTON_STYLE}<h2>${heading}</h2><div id="text">${items.map((t, k) => `<p>${k + 1}. ${t}</p>`).join('')}</div><button>Parakstīt</button>`;
  const find = (models: FrameModel[]) => models[0].nodes.find((n) => n.attrs.id === 'text')!;

  it('reads numbered clauses under a document word as a document', async () => {
    const { models } = await load(
      clauses('Nomas līgums', [
        'Iznomātājs nodod un nomnieks pieņem lietošanā dzīvokli Rīgā, Brīvības ielā 1, ar kopējo platību 54 kvadrātmetri.',
        'Nomas maksa ir 450 eiro mēnesī, un to maksā līdz katra mēneša piektajam datumam uz iznomātāja kontu.',
        'Līgums stājas spēkā tā parakstīšanas dienā un ir spēkā divpadsmit mēnešus, ja puses nevienojas citādi.',
        'Nomnieks apņemas uzturēt dzīvokli kārtībā un atlīdzināt zaudējumus, kas radušies viņa vainas dēļ.',
      ]).replace('<div id="text">', '<div id="text"><p>Līgums Nr. 2024/15 starp iznomātāju un nomnieku par dzīvokļa nomu Rīgā.</p>'),
      'lv',
    );
    expect(showsDocumentText(models[0], find(models))).toBe(true);
  });

  const steps = [
    'Izlasiet līgumu un nospiediet pogu "Parakstīt ar Smart-ID"; pārliecinieties, ka tālrunis ir ieslēgts.',
    'Salīdziniet kontroles kodu tālrunī ar kodu, kas redzams šajā lapā, un turpiniet tikai tad, ja tie sakrīt.',
    'Ievadiet PIN2 kodu Smart-ID lietotnē, lai apstiprinātu parakstu, un gaidiet apstiprinājumu šajā lapā.',
  ];

  it('reads numbered steps under a "how to sign" heading as help, not a document', async () => {
    const { models } = await load(clauses('Kā parakstīt līgumu?', steps), 'lv');
    const block = find(models);
    expect(helpSteps(models[0], block, models[0].subtreeText(block.i, 4000))).toBe(true);
    expect(showsDocumentText(models[0], block)).toBe(false);
  });

  it('reads steps that speak of the phone, the PIN and the control code as help under any heading', async () => {
    const { models } = await load(clauses('Līguma parakstīšana', steps), 'lv');
    const block = find(models);
    expect(helpSteps(models[0], block, models[0].subtreeText(block.i, 4000))).toBe(true);
    expect(showsDocumentText(models[0], block)).toBe(false);
  });

  const paragraphs = [
    'Добро пожаловать в интернет-банк. Здесь вы можете управлять своими счетами, оплачивать счета и следить за расходами в любое время суток.',
    'Мы постоянно улучшаем наш сервис, чтобы вам было удобнее: новые отчёты о расходах, быстрые переводы между счетами и напоминания о платежах.',
    'Если у вас есть вопросы, наши консультанты ответят на них по телефону или в чате с понедельника по пятницу с девяти до восемнадцати часов.',
  ];
  const wrapped = (cls: string) =>
    `${BUTTON_STYLE}<div id="text" class="${cls}">${paragraphs.map((t) => `<p>${t}</p>`).join('')}</div><button>Подписать с Smart-ID</button>`;

  it('reads a block the page marks as a document as one ("dokument", in any of its languages)', async () => {
    const { models } = await load(wrapped('dokument-sisu'), 'ru');
    expect(showsDocumentText(models[0], find(models))).toBe(true);
  });

  it('does not read a page wrapper ("page-content") as a document: it holds the whole UI', async () => {
    const { models } = await load(wrapped('page-content'), 'ru');
    expect(showsDocumentText(models[0], find(models))).toBe(false);
  });

  const prose = (title: string) =>
    `${BUTTON_STYLE}<article id="text" class="prose"><h2>${title}</h2><p>${[
      'Laenuandja annab laenusaajale laenu summas viis tuhat eurot käesolevas lepingus sätestatud tingimustel.',
      'Laenusaaja kohustub tagastama laenu koos intressiga igakuiste osamaksetena kuuekümne kuu jooksul.',
      'Intressimäär on kaheksa protsenti aastas ja see arvutatakse laenu jäägilt iga kalendrikuu lõpus.',
      'Laenusaajal on õigus laen ennetähtaegselt tagastada, teatades sellest laenuandjale kirjalikult ette.',
      'Lepingust tulenevad vaidlused lahendatakse läbirääkimiste teel, kokkuleppe puudumisel Harju Maakohtus.',
    ].join(' ')}</p></article><button>Allkirjasta Smart-ID-ga</button>`;

  it('reads sentences under a contract title as a document by its title (the prose article localization leaves alone)', async () => {
    const { models } = await load(prose('Laenuleping nr 2024-118'), 'et');
    expect(titledAsDocument(models[0], find(models))).toBe(true);
    // One paragraph of unnumbered sentences: too few parts for the block detector, which is why both are kept.
    expect(showsDocumentText(models[0], find(models))).toBe(false);
  });

  it('does not read a question as a document title ("How do I sign the contract?" is help)', async () => {
    const { models } = await load(prose('Kuidas laenulepingut allkirjastada?'), 'et');
    expect(titledAsDocument(models[0], find(models))).toBe(false);
  });
});

/**
 * `npm run package`: the store packages, reproducibly.
 *
 *   release/wysiwys-auditor-<version>-chrome.zip    dist/ (Chrome Web Store)
 *   release/wysiwys-auditor-<version>-firefox.zip   dist-firefox/ (addons.mozilla.org)
 *   release/wysiwys-auditor-<version>-source.zip    the repository's tracked files (AMO asks for the source)
 *
 * Same input → same bytes: entries sorted, one fixed timestamp, fixed permissions, deflate at a fixed level, no
 * extra fields. Only what the extension can load goes in: the files reached from manifest.json (background,
 * content scripts, pages, web-accessible resources, icons, _locales) and, from each reached HTML, CSS or JS file, the
 * files it names; source maps never. A built file nothing reaches is left out and listed.
 *
 * Options (for tests and CI): --skip-build, --chrome <dir>, --firefox <dir>, --out <dir>.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { crc32, deflateRawSync } from 'node:zlib';

export const ROOT = path.resolve(import.meta.dirname, '..');

// ---------------------------------------------------------------------------------------------------------------
// Zip writer (PKZIP 2.0, no zip64: an extension is far below 4 GB and 65,535 files)

export interface ZipEntry {
  /** Path inside the archive, forward slashes, no leading slash. */
  name: string;
  data: Uint8Array;
  /** Unix permission bits; 0o644 unless the file must be executable. */
  mode?: number;
}

/** 1980-01-01 00:00:00, the first time a zip can hold: every entry gets it, so the bytes do not depend on the clock. */
const DOS_TIME = 0;
const DOS_DATE = (0 << 9) | (1 << 5) | 1;
const DEFLATE_LEVEL = 9;
const UTF8_NAMES = 0x0800;

export function writeZip(entries: readonly ZipEntry[]): Buffer {
  const sorted = [...entries].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (let i = 1; i < sorted.length; i++) if (sorted[i].name === sorted[i - 1].name) throw new Error(`zip: ${sorted[i].name} twice`);
  if (sorted.length > 0xffff) throw new Error('zip: too many entries');
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of sorted) {
    if (!entry.name || entry.name.startsWith('/') || entry.name.includes('\\') || entry.name.split('/').includes('..')) {
      throw new Error(`zip: bad entry name ${JSON.stringify(entry.name)}`);
    }
    const name = Buffer.from(entry.name, 'utf8');
    const raw = Buffer.from(entry.data);
    const deflated = deflateRawSync(raw, { level: DEFLATE_LEVEL, memLevel: 9, windowBits: 15, strategy: 0 });
    // Stored when deflate does not help (PNGs are compressed already).
    const method = deflated.length < raw.length ? 8 : 0;
    const body = method === 8 ? deflated : raw;
    const crc = crc32(raw);
    const mode = entry.mode ?? 0o644;

    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(UTF8_NAMES, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt16LE(DOS_TIME, 10);
    local.writeUInt16LE(DOS_DATE, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(raw.length, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);

    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE((3 << 8) | 20, 4); // made by: Unix, so the permission bits below are read
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(UTF8_NAMES, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt16LE(DOS_TIME, 12);
    central.writeUInt16LE(DOS_DATE, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(raw.length, 24);
    central.writeUInt16LE(name.length, 28);
    // extra length, comment length, disk, internal attributes: 0
    central.writeUInt32LE(((0o100000 | mode) << 16) >>> 0, 38);
    central.writeUInt32LE(offset, 42);

    locals.push(local, name, body);
    centrals.push(central, name);
    offset += local.length + name.length + body.length;
    if (offset > 0xffffffff) throw new Error('zip: archive too large');
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(sorted.length, 8);
  end.writeUInt16LE(sorted.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

// ---------------------------------------------------------------------------------------------------------------
// What the extension references

/** Every file under dir, relative, forward slashes, sorted. */
export function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (rel: string) => {
    for (const entry of readdirSync(path.join(dir, rel), { withFileTypes: true })) {
      const child = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(child);
      else if (entry.isFile()) out.push(child);
    }
  };
  walk('');
  return out.sort();
}

type Manifest = Record<string, unknown>;

const asArray = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]);
const strings = (v: unknown): string[] => {
  if (typeof v === 'string') return [v];
  if (Array.isArray(v)) return v.flatMap(strings);
  if (v && typeof v === 'object') return Object.values(v).flatMap(strings);
  return [];
};

/** A web-accessible resource pattern ("assets/*.js") as a test on root-relative paths. */
function globTest(pattern: string): (file: string) => boolean {
  const source = pattern
    .replace(/^\//, '')
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*');
  const re = new RegExp(`^${source}$`);
  return (file) => re.test(file);
}

/** Root-relative paths (or globs) the manifest names. */
export function manifestReferences(manifest: Manifest): string[] {
  const m = manifest as Record<string, Record<string, unknown> | undefined>;
  const refs: string[] = ['manifest.json'];
  const bg = m.background ?? {};
  refs.push(...strings(bg.service_worker), ...strings(bg.scripts), ...strings(bg.page));
  for (const cs of asArray(m.content_scripts) as Record<string, unknown>[]) refs.push(...strings(cs.js), ...strings(cs.css));
  for (const key of ['action', 'browser_action', 'page_action']) {
    const action = m[key] ?? {};
    refs.push(...strings(action.default_popup), ...strings(action.default_icon));
    for (const theme of asArray(action.theme_icons) as Record<string, unknown>[])
      refs.push(...strings(theme.light), ...strings(theme.dark));
  }
  refs.push(...strings(m.icons), ...strings(m.options_page), ...strings(m.options_ui?.page), ...strings(m.devtools_page));
  refs.push(
    ...strings(m.side_panel?.default_path),
    ...strings(m.sidebar_action?.default_panel),
    ...strings(m.sidebar_action?.default_icon),
  );
  refs.push(...strings(m.chrome_url_overrides), ...strings(m.sandbox?.pages));
  for (const ruleset of asArray(m.declarative_net_request?.rule_resources) as Record<string, unknown>[])
    refs.push(...strings(ruleset.path));
  for (const war of asArray(m.web_accessible_resources)) {
    refs.push(...(typeof war === 'string' ? [war] : strings((war as Record<string, unknown>).resources)));
  }
  return refs.map((r) => r.replace(/^\//, ''));
}

const ASSET = String.raw`[\w@~+.,/-]+?\.(?:m?js|css|html|json|png|svg|jpe?g|gif|webp|ico|woff2?|ttf|otf|wasm)`;
const HTML_REF = /\b(?:src|href)\s*=\s*["']([^"'#?]+)/gi;
const CSS_REF = /url\(\s*["']?([^"')#?]+)|@import\s+["']([^"']+)/g;
/** A quoted string that names a file: imports, `runtime.getURL('…')`, `scripting.executeScript({ files: […] })`. */
const JS_REF = new RegExp(String.raw`(["'\x60])(${ASSET})\1`, 'g');

/**
 * A template string that builds a file name (`learn/${id}.html`): its fixed parts with one path segment for each
 * placeholder. Only when the fixed parts say enough (a folder, or a name beside the extension) to not match everything.
 */
const JS_TEMPLATE_REF = /`((?:[^`$\\]|\$(?!\{))*\$\{[^`]*?\.(?:m?js|css|html|json|png|svg))`/g;
function templatePattern(template: string, code: string): RegExp | undefined {
  // A placeholder that is a constant of the file (`${D}` with `D=\`learn\``) is that constant.
  const resolved = template.replace(/\$\{([A-Za-z_$][\w$]*)\}/g, (whole, name: string) => {
    const values = new Set(
      [...code.matchAll(new RegExp(`(?:^|[^\\w$.])${name.replace(/\$/g, '\\$')}=(["'\x60])([\\w@~+.,/-]*)\\1`, 'g'))].map((m) => m[2]),
    );
    return values.size === 1 ? [...values][0] : whole;
  });
  const parts = resolved.split(/\$\{[^}]*\}/);
  const fixed = parts.join('');
  // Enough to name something: a literal folder (`learn/`) or three letters of a name; never `${a}/${b}.html`.
  if (!/^[\w@~+.,/-]+$/.test(fixed) || !(/[^/]\//.test(fixed) || fixed.replace(/\.\w+$/, '').replace(/\//g, '').length >= 3))
    return undefined;
  return new RegExp(`^${parts.map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('[^/]+')}$`);
}

/** Paths in dist that a file names, resolved against its folder (./, ../), the root (/) or, bare, either. */
function fileReferences(file: string, text: string, exists: (p: string) => boolean, present: readonly string[] = []): string[] {
  const found: string[] = [];
  const dir = path.posix.dirname(file);
  const add = (ref: string) => {
    if (/^[a-z][a-z\d+.-]*:/i.test(ref) || ref.startsWith('//')) return; // other origins, data:, chrome-extension:
    const candidates = ref.startsWith('/')
      ? [ref.slice(1)]
      : ref.startsWith('./') || ref.startsWith('../')
        ? [path.posix.join(dir, ref)]
        : [path.posix.join(dir, ref), ref];
    for (const c of candidates) {
      const normal = path.posix.normalize(c);
      if (!normal.startsWith('..') && exists(normal)) found.push(normal);
    }
  };
  const ext = path.posix.extname(file);
  if (ext === '.html') for (const m of text.matchAll(HTML_REF)) add(m[1]);
  if (ext === '.html' || ext === '.css') for (const m of text.matchAll(CSS_REF)) add(m[1] ?? m[2]);
  if (ext === '.js' || ext === '.mjs' || ext === '.html') for (const m of text.matchAll(JS_REF)) add(m[2]);
  if (ext === '.js' || ext === '.mjs') {
    for (const m of text.matchAll(JS_TEMPLATE_REF)) {
      const pattern = templatePattern(m[1].replace(/^\//, '').replace(/^\.\//, dir === '.' ? '' : `${dir}/`), text);
      if (pattern) found.push(...present.filter((f) => pattern.test(f)));
    }
  }
  return found;
}

export interface Selection {
  /** Files the extension loads, sorted. */
  files: string[];
  /** Built files nothing reaches (left out). */
  unreferenced: string[];
}

/** Walks the references from manifest.json; throws when the manifest names a file the build does not have. */
export function selectFiles(dir: string): Selection {
  const all = listFiles(dir);
  const present = new Set(all.filter((f) => !f.endsWith('.map')));
  const exists = (p: string) => present.has(p);
  const manifest = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as Manifest;
  const queue: string[] = [];
  for (const ref of manifestReferences(manifest)) {
    if (ref.includes('*')) {
      const test = globTest(ref);
      queue.push(...[...present].filter(test));
    } else if (exists(ref)) queue.push(ref);
    else throw new Error(`${dir}: manifest.json names ${ref}, which the build does not have`);
  }
  if (typeof manifest.default_locale === 'string') {
    const locales = all.filter((f) => /^_locales\/[^/]+\/messages\.json$/.test(f));
    if (!locales.includes(`_locales/${manifest.default_locale}/messages.json`)) {
      throw new Error(`${dir}: default_locale ${manifest.default_locale} has no _locales/${manifest.default_locale}/messages.json`);
    }
    queue.push(...locales);
  }
  const reached = new Set<string>();
  while (queue.length) {
    const file = queue.pop()!;
    if (reached.has(file)) continue;
    reached.add(file);
    if (/\.(m?js|css|html)$/.test(file))
      queue.push(...fileReferences(file, readFileSync(path.join(dir, file), 'utf8'), exists, [...present]));
  }
  return { files: [...reached].sort(), unreferenced: all.filter((f) => !reached.has(f)) };
}

export function packageExtension(dir: string): { zip: Buffer } & Selection {
  const selection = selectFiles(dir);
  const zip = writeZip(selection.files.map((name) => ({ name, data: readFileSync(path.join(dir, name)) })));
  return { zip, ...selection };
}

// ---------------------------------------------------------------------------------------------------------------
// Source archive (AMO: "the source code used to create the add-on")

/** The repository's tracked files as they are in the working tree (the tree the packages were built from). */
export function sourceArchive(root = ROOT): { zip: Buffer; files: string[] } {
  const listing = execFileSync('git', ['ls-files', '-s', '-z'], { cwd: root, maxBuffer: 64 << 20 }).toString('utf8');
  const entries: ZipEntry[] = [];
  for (const line of listing.split('\0')) {
    if (!line) continue;
    const [meta, name] = line.split('\t');
    const gitMode = meta.split(' ')[0];
    if (gitMode === '160000' || gitMode === '120000') continue; // submodules and symlinks are not files to ship
    const file = path.join(root, name);
    if (!existsSync(file) || !statSync(file).isFile()) continue; // deleted in the working tree
    entries.push({ name, data: readFileSync(file), mode: gitMode === '100755' ? 0o755 : 0o644 });
  }
  return { zip: writeZip(entries), files: entries.map((e) => e.name).sort() };
}

// ---------------------------------------------------------------------------------------------------------------

export const sha256 = (data: Uint8Array) => createHash('sha256').update(data).digest('hex');

function builtVersion(dir: string): string {
  return (JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as { version: string }).version;
}

function run(script: string) {
  console.log(`\n> npm run ${script}`);
  const result = spawnSync('npm', ['run', script], { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`npm run ${script} failed (exit ${result.status})`);
}

function main(argv: string[]): number {
  const option = (name: string) => {
    const i = argv.indexOf(name);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const skipBuild = argv.includes('--skip-build');
  const chromeDir = path.resolve(option('--chrome') ?? path.join(ROOT, 'dist'));
  const firefoxDir = path.resolve(option('--firefox') ?? path.join(ROOT, 'dist-firefox'));
  const outDir = path.resolve(option('--out') ?? path.join(ROOT, 'release'));
  const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string; scripts: Record<string, string> };
  const hasFirefoxBuild = 'build:firefox' in pkg.scripts;

  if (!skipBuild) {
    run('build');
    if (hasFirefoxBuild) run('build:firefox');
  }
  mkdirSync(outDir, { recursive: true });
  const problems: string[] = [];
  const write = (suffix: string, zip: Buffer, note: string) => {
    const file = path.join(outDir, `wysiwys-auditor-${pkg.version}-${suffix}.zip`);
    writeFileSync(file, zip);
    console.log(`${path.relative(ROOT, file)}  ${(zip.length / 1024).toFixed(0)} KB  sha256 ${sha256(zip)}  ${note}`);
  };
  const pack = (suffix: string, dir: string) => {
    const version = builtVersion(dir);
    if (version !== pkg.version) throw new Error(`${dir}/manifest.json has version ${version}, package.json ${pkg.version}`);
    const { zip, files, unreferenced } = packageExtension(dir);
    write(suffix, zip, `(${files.length} files)`);
    for (const f of unreferenced) console.log(`  left out, nothing references it: ${f}`);
  };

  console.log('');
  pack('chrome', chromeDir);
  if (existsSync(path.join(firefoxDir, 'manifest.json'))) pack('firefox', firefoxDir);
  else if (!hasFirefoxBuild)
    problems.push('No Firefox package: package.json has no "build:firefox" script yet (the Firefox build is not in this checkout).');
  else
    problems.push(
      `No Firefox package: ${path.relative(ROOT, firefoxDir) || firefoxDir}/manifest.json is missing after npm run build:firefox.`,
    );
  // Built from an unpacked source archive (no .git): there is no repository to archive again.
  if (existsSync(path.join(ROOT, '.git'))) {
    const source = sourceArchive();
    write('source', source.zip, `(${source.files.length} tracked files; build: npm ci && npm run package)`);
  } else console.log('No source archive: this is not a git checkout (git ls-files lists the sources).');

  for (const p of problems) console.error(`\n${p}`);
  return problems.length ? 1 : 0;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  try {
    process.exitCode = main(process.argv.slice(2));
  } catch (error) {
    console.error(`\nnpm run package: ${error instanceof Error ? error.message : error}`);
    process.exitCode = 1;
  }
}

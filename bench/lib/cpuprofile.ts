// Reading a V8 CPU profile (what `node --cpu-prof` and node:inspector's Profiler write):
// self time per function, and self and inclusive time per package (our modules split by
// layer), so that each optimisation is chosen by its measured share.

export interface ProfileNode { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount?: number; children?: number[] }
export interface CpuProfile { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] }

/** Where a frame's code lives, by its script URL and function name. */
export function packageOf(frame: ProfileNode['callFrame'], root = process.cwd()): string {
  const name = frame.functionName;
  if (name === '(garbage collector)') return 'GC';
  if (name === '(idle)') return '(idle)';
  if (name === '(root)') return '(root)';
  if (name === '(program)') return '(program)';
  const url = frame.url.replace(/^file:\/\//, '');
  if (!url) return 'native (V8 builtins: socket writes, microtasks)';
  if (url.startsWith('node:')) return 'node internals (node:*)';
  const nm = url.lastIndexOf('/node_modules/');
  if (nm >= 0) {
    const rest = url.slice(nm + '/node_modules/'.length).split('/');
    const pkg = rest[0]?.startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0] ?? '?';
    if (pkg === 'botbuilder-dialogs') return 'botbuilder-dialogs';
    if (/^(botbuilder|botbuilder-core|botframework-|@azure\/|adaptive-expressions)/.test(pkg)) return 'botbuilder core';
    if (/^(restify|find-my-way|@netflix\/nerror|send|negotiator|http-signature|formidable|qs|csv)/.test(pkg) || pkg === 'restify') return 'restify';
    if (pkg === 'ioredis' || pkg === 'redis-parser' || pkg === 'denque' || pkg === 'cluster-key-slot' || pkg === 'standard-as-callback' || pkg === 'redis-errors') return 'ioredis';
    return `other packages (${pkg})`;
  }
  const rel = url.startsWith(root) ? url.slice(root.length + 1) : url;
  const src = rel.replace(/^dist\//, '');
  if (src.startsWith('src/language/')) return 'our src/language';
  if (src.startsWith('src/booking/')) return 'our src/booking (proposals)';
  if (src.startsWith('dialogs/')) return 'our dialogs/';
  if (src.startsWith('src/')) return 'our other code (src/)';
  if (src.startsWith('bench/')) return 'bench harness';
  return 'other';
}

/**
 * The samples counted: not the profiler's own stop (serialising the profile through
 * node:inspector, not the server's work), not (idle): shares are of the busy CPU time.
 */
function sampler(profile: CpuProfile): { byNode: Map<number, ProfileNode>; parent: Map<number, number>; counted: (id: number) => boolean } {
  const byNode = new Map(profile.nodes.map((x) => [x.id, x]));
  const parent = new Map<number, number>();
  for (const x of profile.nodes) for (const c of x.children ?? []) parent.set(c, x.id);
  const memo = new Map<number, boolean>();
  const counted = (id: number): boolean => {
    const m = memo.get(id);
    if (m !== undefined) return m;
    const up = parent.get(id);
    const f = byNode.get(id)?.callFrame;
    const v = f?.url !== 'node:inspector' && f?.functionName !== '(idle)' && (up === undefined || counted(up));
    memo.set(id, v);
    return v;
  };
  return { byNode, parent, counted };
}

/** Self-time per function (summed over its nodes), most first; share of all counted samples. */
export function topSelf(profile: CpuProfile, n = 10, root = process.cwd()): Array<{ fn: string; where: string; pkg: string; ms: number; share: number }> {
  const { byNode, counted } = sampler(profile);
  const self = new Map<string, { fn: string; where: string; pkg: string; us: number }>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const dt = profile.timeDeltas[i] ?? 0;
    const node = byNode.get(id);
    if (!node || !counted(id)) return;
    total += dt;
    const f = node.callFrame;
    const where = f.url ? `${f.url.replace(/^file:\/\//, '').replace(root + '/', '')}:${f.lineNumber + 1}` : '';
    const key = `${f.functionName}|${where}`;
    const cur = self.get(key) ?? { fn: f.functionName || '(anonymous)', where, pkg: packageOf(f, root), us: 0 };
    cur.us += dt;
    self.set(key, cur);
  });
  return [...self.values()].sort((a, b) => b.us - a.us).slice(0, n).map((x) => ({ fn: x.fn, where: x.where, pkg: x.pkg, ms: x.us / 1000, share: x.us / total }));
}

/**
 * Per package: self time (the sampled frame is its code) and inclusive time (its code is
 * anywhere on the sampled stack, counted once per sample), most self time first.
 */
export function byPackage(profile: CpuProfile, root = process.cwd()): Array<{ pkg: string; selfMs: number; selfShare: number; inclMs: number; inclShare: number }> {
  const { byNode, parent, counted } = sampler(profile);
  const pkgOfNode = new Map<number, string>();
  for (const x of profile.nodes) pkgOfNode.set(x.id, packageOf(x.callFrame, root));
  // The packages on each node's stack, computed once per node (samples repeat nodes).
  const stackPkgs = new Map<number, Set<string>>();
  const onStack = (id: number): Set<string> => {
    let s = stackPkgs.get(id);
    if (s) return s;
    const up = parent.get(id);
    s = new Set(up === undefined ? [] : onStack(up));
    if (up !== undefined) s.add(pkgOfNode.get(id)!); // not the (root) frame
    stackPkgs.set(id, s);
    return s;
  };
  const self = new Map<string, number>();
  const incl = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const dt = profile.timeDeltas[i] ?? 0;
    if (!byNode.has(id) || !counted(id)) return;
    total += dt;
    const pkg = pkgOfNode.get(id)!;
    self.set(pkg, (self.get(pkg) ?? 0) + dt);
    for (const p of onStack(id)) incl.set(p, (incl.get(p) ?? 0) + dt);
  });
  return [...self.keys()].sort((a, b) => self.get(b)! - self.get(a)!).map((pkg) => ({
    pkg, selfMs: self.get(pkg)! / 1000, selfShare: self.get(pkg)! / total,
    inclMs: (incl.get(pkg) ?? 0) / 1000, inclShare: (incl.get(pkg) ?? 0) / total,
  }));
}

/**
 * Chrome's CPU profiles (CDP Profiler.stop) summarised for the profilers of issue 12's optimisation loop: the self
 * time per function and the inclusive time (the phases), per run.
 */

/** What CDP's Profiler.stop returns (the fields read here). */
export interface CpuProfile {
  nodes: { id: number; children?: number[]; callFrame: { functionName: string; url: string; lineNumber: number } }[];
  samples: number[];
  timeDeltas: number[];
}

/** Prints the top `selfTop` functions by self time and the top `inclusiveTop` by inclusive time, in ms per run (idle left out). */
export function printProfile(profile: CpuProfile, runs: number, selfTop = 30, inclusiveTop = 25, unit = 'run'): void {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  /** A profile node as "function file:line" (the same function from every call site is one entry). */
  const frameKey = (id: number) => {
    const cf = byId.get(id)!.callFrame;
    return `${cf.functionName || '(anon)'} ${cf.url ? cf.url.split('/').pop() : ''}:${cf.lineNumber + 1}`;
  };
  profile.samples.forEach((id, k) => {
    const key = frameKey(id);
    self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas[k] ?? 0) / 1000);
  });
  // Total (inclusive) time per function too: the phases (readVisualTexts, scanSecrets, pageStateOf, persist, …).
  const parentOf = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parentOf.set(c, n.id);
  const inclusive = new Map<string, number>();
  profile.samples.forEach((id, k) => {
    const seen = new Set<string>();
    for (let n: number | undefined = id; n !== undefined; n = parentOf.get(n)) {
      const key = frameKey(n);
      if (seen.has(key)) continue;
      seen.add(key);
      inclusive.set(key, (inclusive.get(key) ?? 0) + (profile.timeDeltas[k] ?? 0) / 1000);
    }
  });
  const busy = [...self].filter(([k]) => !k.startsWith('(idle)'));
  const total = busy.reduce((a, [, ms]) => a + ms, 0);
  for (const [k, ms] of busy.sort((a, b) => b[1] - a[1]).slice(0, selfTop))
    console.log(`${(ms / runs).toFixed(1).padStart(8)} ms/${unit} ${((ms / total) * 100).toFixed(1).padStart(5)}%  ${k}`);
  console.log(`\ninclusive (top ${inclusiveTop}):`);
  for (const [k, ms] of [...inclusive]
    .filter(([k]) => !k.startsWith('(idle)'))
    .sort((a, b) => b[1] - a[1])
    .slice(0, inclusiveTop))
    console.log(`${(ms / runs).toFixed(1).padStart(8)} ms/${unit}  ${k}`);
}

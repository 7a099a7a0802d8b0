// "Did you mean …?" for unknown YAML keys: the known option whose name is
// closest, ignoring case, `_` and `-` (so `public_url` finds `publicUrl`), and
// preferring one under the same parent (so a top-level `port` finds `server.port`).

/** The closest known path, or undefined when nothing is close enough to help. */
export function closestOption(unknownPath: string, known: readonly string[]): string | undefined {
  const segments = unknownPath.split('.');
  const key = normalise(segments.at(-1) ?? '');
  const parent = segments.slice(0, -1).join('.');
  let best: { path: string; distance: number } | undefined;
  for (const candidate of known) {
    const candidateSegments = candidate.split('.');
    const candidateKey = normalise(candidateSegments.at(-1) ?? '');
    const sameParent = candidateSegments.slice(0, -1).join('.') === parent;
    const prefix = key.length >= 3 && candidateKey.startsWith(key) ? 1 : Infinity;
    const distance = Math.min(editDistance(key, candidateKey), prefix) + (sameParent ? 0 : 1);
    if (!best || distance < best.distance) best = { path: candidate, distance };
  }
  const tolerance = key.length <= 4 ? 1 : key.length <= 8 ? 2 : 3;
  return best && best.distance <= tolerance ? best.path : undefined;
}

function normalise(name: string): string {
  return name.toLowerCase().replaceAll(/[-_]/g, '');
}

/** Edits (insert, delete, substitute, swap two neighbours) turning a into b. */
export function editDistance(a: string, b: string): number {
  const rows: number[][] = [Array.from({ length: b.length + 1 }, (_, j) => j)];
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const at = (r: number, c: number): number => (r === i ? row[c] : rows[r]?.[c]) ?? 0;
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, at(i - 2, j - 2) + 1);
      }
      row.push(best);
    }
    rows.push(row);
  }
  return rows[a.length]?.[b.length] ?? 0;
}

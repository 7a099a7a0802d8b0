// A unified diff of one file's text before and after `--fix`, as `diff -u` and
// `git apply` read it. The rewrites change lines in place and may add one
// import line, so a plain longest-common-subsequence over lines is small work.

const CONTEXT = 3;

type Op = { kind: ' ' | '-' | '+'; line: string; a: number; b: number };

function lineOps(a: string[], b: string[]): Op[] {
  // LCS table over lines; files under --fix are source files, small enough.
  const n = a.length;
  const m = b.length;
  const lcs = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--)
    for (let j = m - 1; j >= 0; j--)
      (lcs[i] as Uint32Array)[j] =
        a[i] === b[j]
          ? ((lcs[i + 1] as Uint32Array)[j + 1] ?? 0) + 1
          : Math.max((lcs[i + 1] as Uint32Array)[j] ?? 0, (lcs[i] as Uint32Array)[j + 1] ?? 0);
  const ops: Op[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) ops.push({ kind: ' ', line: a[i++] ?? '', a: i, b: ++j });
    else if (
      i < n &&
      (j >= m || ((lcs[i + 1] as Uint32Array)[j] ?? 0) >= ((lcs[i] as Uint32Array)[j + 1] ?? 0))
    )
      ops.push({ kind: '-', line: a[i++] ?? '', a: i, b: j });
    else ops.push({ kind: '+', line: b[j++] ?? '', a: i, b: j });
  }
  return ops;
}

/**
 * `show` changes how a line is printed (not what is compared): `--fix` passes
 * one that replaces secrets with their redacted form, so a diff never prints one.
 */
export function unifiedDiff(
  file: string,
  before: string,
  after: string,
  header: string[] = [],
  show: (line: string) => string = (line) => line,
): string {
  if (before === after) return '';
  const ops = lineOps(before.split('\n'), after.split('\n'));
  const changed = ops.map((op, k) => (op.kind === ' ' ? -1 : k)).filter((k) => k >= 0);
  const out = [...header.map((h) => `# ${h}`), `--- a/${file}`, `+++ b/${file}`];
  let k = 0;
  while (k < changed.length) {
    const first = changed[k] ?? 0;
    let last = first;
    while (k + 1 < changed.length && (changed[k + 1] ?? 0) - last <= 2 * CONTEXT + 1)
      last = changed[++k] ?? last;
    k++;
    const from = Math.max(0, first - CONTEXT);
    const to = Math.min(ops.length - 1, last + CONTEXT);
    const hunk = ops.slice(from, to + 1);
    const aCount = hunk.filter((o) => o.kind !== '+').length;
    const bCount = hunk.filter((o) => o.kind !== '-').length;
    const aStart = (hunk.find((o) => o.kind !== '+')?.a ?? 0) || 0;
    const bStart = (hunk.find((o) => o.kind !== '-')?.b ?? 0) || 0;
    out.push(`@@ -${aStart},${aCount} +${bStart},${bCount} @@`);
    for (const op of hunk) out.push(`${op.kind}${show(op.line)}`);
  }
  return `${out.join('\n')}\n`;
}

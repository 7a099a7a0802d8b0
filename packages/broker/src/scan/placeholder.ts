// Example values that look like secrets but are not: documentation and sample
// configs write `0123456789abcdef…`, `deadbeef…`, `aaaa…` or `1111…`. A real
// key or token is random: 64 random hex characters have, in practice, all 16
// digits (fewer than 8 distinct ones has a probability below 1e-20) and no
// short period. Non-hex placeholders (`<your key>`, `xxxx…`, `${VT_API_KEY}`)
// never reach this: they do not have a secret's shape in the first place.

/** Smallest period: `abcabcab` → 3; a value with no repetition → its length. */
function period(value: string): number {
  outer: for (let p = 1; p < value.length; p++) {
    for (let i = p; i < value.length; i++) if (value[i] !== value[i - p]) continue outer;
    return p;
  }
  return value.length;
}

/** Ascending or descending runs such as `0123456789abcdef` or `fedcba98`. */
function longestRun(value: string): number {
  let longest = 1;
  let run = 1;
  for (let i = 1; i < value.length; i++) {
    const step = value.charCodeAt(i) - value.charCodeAt(i - 1);
    run = step === 1 || step === -1 ? run + 1 : 1;
    if (run > longest) longest = run;
  }
  return longest;
}

export function isPlaceholderSecret(value: string): boolean {
  const lower = value.toLowerCase();
  if (period(lower) <= 16) return true;
  if (new Set(lower).size < 8) return true;
  return longestRun(lower) >= 8;
}

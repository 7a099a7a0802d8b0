// Offsets to 1-based line and column, built only for files with findings. Columns
// count UTF-16 code units, SARIF's default `columnKind`.

export interface LineIndex {
  position(offset: number): { line: number; column: number };
  /** Offset where the line holding `offset` starts. */
  lineStart(offset: number): number;
}

export function createLineIndex(text: string): LineIndex {
  let starts: number[] | undefined;
  const build = (): number[] => {
    const list = [0];
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) list.push(i + 1);
    return list;
  };
  const lineOf = (offset: number): number => {
    starts ??= build();
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((starts[mid] ?? 0) <= offset) low = mid;
      else high = mid - 1;
    }
    return low;
  };
  return {
    position(offset) {
      const line = lineOf(offset);
      return { line: line + 1, column: offset - (starts?.[line] ?? 0) + 1 };
    },
    lineStart(offset) {
      return text.lastIndexOf('\n', offset - 1) + 1;
    },
  };
}

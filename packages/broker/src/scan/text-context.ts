// What a detector knows about the file it looks at: the text, where lines are,
// the file's language, whether it mentions VirusTotal at all (asked lazily),
// and how to turn an offset into a finding.
import { fileLanguage, type FileLanguage } from './file-language.ts';
import type { Finding, RuleId, SecretRef, Severity } from './finding.ts';
import { createLineIndex } from './line-index.ts';
import { ruleById } from './scan-rules.ts';

export interface FindingInput {
  ruleId: RuleId;
  offset: number;
  length: number;
  message: string;
  /** Defaults to the rule's fix. */
  fix?: string;
  severity?: Severity;
  secret?: SecretRef;
}

export interface TextContext {
  readonly text: string;
  /** As reported: relative to the working directory, `/` separators. */
  readonly file: string;
  readonly language: FileLanguage;
  /** The line holding `offset`, from its start up to `offset`. */
  lineBefore(offset: number): string;
  /** The whole line holding `offset`, without its newline. */
  lineAt(offset: number): string;
  mentionsVirusTotal: () => boolean;
  finding(input: FindingInput): Finding;
}

const VIRUSTOTAL =
  /virus_?total|vtapi|\bvt\.(?:New)?Client\b|^\s*import vt\b|\bvt-py\b|\.vt\.toml/im;

export function createTextContext(text: string, file: string): TextContext {
  const lines = createLineIndex(text);
  let mentions: boolean | undefined;
  return {
    text,
    file,
    language: fileLanguage(file, text),
    lineBefore: (offset) => text.slice(lines.lineStart(offset), offset),
    lineAt(offset) {
      const start = lines.lineStart(offset);
      const end = text.indexOf('\n', offset);
      return text.slice(start, end === -1 ? text.length : end).replace(/\r$/, '');
    },
    mentionsVirusTotal: () => (mentions ??= VIRUSTOTAL.test(text)),
    finding(input) {
      const rule = ruleById(input.ruleId);
      const { line, column } = lines.position(input.offset);
      return {
        ruleId: input.ruleId,
        severity: input.severity ?? rule.severity,
        file,
        line,
        column,
        endColumn: column + input.length,
        offset: input.offset,
        length: input.length,
        message: input.message,
        fix: input.fix ?? rule.fix,
        ...(input.secret === undefined ? {} : { secret: input.secret }),
      };
    },
  };
}

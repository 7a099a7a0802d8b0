// Is a 64-hex value a VirusTotal key? A key has the shape of a SHA-256
// (reference §1: 64 lowercase hex), so the shape alone says nothing: IOC lists
// are full of SHA-256s. It is a key only when the text right before it, on the
// same line, is key context:
//   header      `x-apikey: …`, `"x-apikey": "…"`, `Header.Set("x-apikey", "…")`
//   parameter   `?apikey=…`, `-d apikey=…`, `{'apikey': '…'}`, `apikey = "…"` (.vt.toml), `--apikey …`
//   client      `vt.Client("…")` (vt-py), `vt.NewClient("…")` (vt-go), `VirusTotal…("…")`
//   cli-flag    `vt … -k …` (vt-cli)
//   assignment  to a VT key name (`VT_API_KEY`, `VIRUSTOTAL_API_KEY`, `VTCLI_APIKEY`,
//               `vtApiKey`, `vt_key`…) in env files, YAML, INI, JSON, shell, Python, JS, Go;
//               to a generic key name (`api_key`, `API_KEY`, `apiKey`) only in a file
//               that mentions VirusTotal.
// The value must follow the context directly (a separator and a quote at most),
// so `x-apikey: $KEY, sha256=<hash>` does not make the hash a key.

export type KeyContextKind = 'header' | 'parameter' | 'client' | 'cli-flag' | 'assignment';

export interface KeyContext {
  kind: KeyContextKind;
  /** For `assignment`: the name assigned, e.g. `VT_API_KEY` or `os.environ["VT_API_KEY"]`'s. */
  name?: string;
  /** A fallback (`|| "…"`, `or "…"`, `${X:-…}`, a getenv default): not rewritable in place. */
  fallback: boolean;
  /** For messages: `an x-apikey header`, `an assignment to VT_API_KEY`. */
  label: string;
}

const HEADER = /x-apikey["'\]]?\s*(?::|=>|=|,)\s*["'`]?\s*$/i;
const PARAMETER = /(?:--apikey\s+|(?:^|[^\w-])(?:--)?apikey["'\]]?\s*(?::|=>|=|,)\s*)["'`]?\s*$/i;
const CLIENT = /(?:\bvt\.(?:New)?Client|\bNewClient|\b[Vv]irus_?[Tt]otal\w*)\s*\(\s*["'`]$/;
const SET_KEY = /\.setKey\s*\(\s*["'`]$/;
const VT_CLI = /(?:^|[\s;&|(])vt\s(?:.*\s)?-k\s+["']?$/;
const ASSIGNMENT =
  /([A-Za-z_$][\w.$:-]*?)(["'])?[\])]*\s*(:=|=>|\|\||\?\?|:-|=|:|,|\bor\b)\s*["'`]?\s*$/;

const VT_WORDS = new Set(['vt', 'vtcli', 'virustotal']);

/** `vt` for a VT key name, `generic` for `api_key`-like names, else undefined. */
export function keyNameKind(name: string): 'vt' | 'generic' | undefined {
  const last =
    name
      .split(/[.:$[\]-]/)
      .filter(Boolean)
      .at(-1) ?? '';
  const words = (last.match(/[A-Z]+(?![a-z])|[A-Z]?[a-z]+|\d+/g) ?? []).map((w) => w.toLowerCase());
  let end = words.length - 1;
  const tail = words[end];
  let apiForm = false;
  if (tail === 'apikey') {
    apiForm = true;
    end -= 1;
  } else if (tail === 'key' || tail === 'token') {
    end -= 1;
    if (words[end] === 'api') {
      apiForm = true;
      end -= 1;
    }
  } else return undefined;
  const prefix = words.slice(0, end + 1);
  const before = prefix.at(-1);
  if ((before !== undefined && VT_WORDS.has(before)) || prefix.join('').endsWith('virustotal'))
    return 'vt';
  return apiForm ? 'generic' : undefined;
}

/**
 * The key context ending right before a 64-hex value. `before` is the line up to
 * the value; `mentionsVirusTotal` is asked only for generic names.
 */
export function keyContext(
  before: string,
  mentionsVirusTotal: () => boolean,
): KeyContext | undefined {
  const text = before.length > 200 ? before.slice(-200) : before;
  if (HEADER.test(text)) return { kind: 'header', fallback: false, label: 'an x-apikey header' };
  if (PARAMETER.test(text))
    return { kind: 'parameter', fallback: false, label: 'an apikey parameter' };
  if (CLIENT.test(text) || (SET_KEY.test(text) && mentionsVirusTotal()))
    return { kind: 'client', fallback: false, label: 'a VirusTotal client constructor' };
  if (VT_CLI.test(text)) return { kind: 'cli-flag', fallback: false, label: "vt-cli's -k flag" };
  const match = ASSIGNMENT.exec(text);
  if (!match) return undefined;
  const [, name = '', quote, operator = ''] = match;
  if (operator === ',' && quote === undefined) return undefined; // a list, not getenv("NAME", "…")
  const kind = keyNameKind(name);
  if (kind === undefined || (kind === 'generic' && !mentionsVirusTotal())) return undefined;
  const fallback = ['||', '??', ':-', ',', 'or'].includes(operator);
  const shown =
    name
      .split(/[.:$[\]]/)
      .filter(Boolean)
      .at(-1) ?? name;
  return {
    kind: 'assignment',
    name: shown,
    fallback,
    label: fallback ? `a default for ${shown}` : `an assignment to ${shown}`,
  };
}

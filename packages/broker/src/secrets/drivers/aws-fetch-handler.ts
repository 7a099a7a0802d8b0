// The AWS SDK's transport, replaced by an injected `fetch` (STYLE.md: the network is
// injected). The SDK hands over a signed request (smithy's HttpRequest shape) and takes
// back status, headers and the body as bytes; signing, serialisation and error parsing
// stay in the SDK. Shapes are written out here rather than imported from @smithy/types,
// which is not a dependency of ours. A timeout bounds every call (a hung store must not
// hang a rotation).

/** The part of smithy's HttpRequest used here. */
export interface SdkHttpRequest {
  protocol: string;
  hostname: string;
  port?: number;
  method: string;
  path: string;
  query?: Record<string, string | (string | null)[] | null>;
  headers: Record<string, string>;
  body?: unknown;
}

export interface SdkHttpResponse {
  statusCode: number;
  reason?: string;
  headers: Record<string, string>;
  body: Uint8Array;
}

export interface FetchRequestHandler {
  metadata: { handlerProtocol: string };
  handle(
    request: SdkHttpRequest,
    /** smithy's own AbortSignal type; a real AbortSignal is used when given. */
    options?: { abortSignal?: unknown },
  ): Promise<{ response: SdkHttpResponse }>;
  updateHttpClientConfig(): void;
  httpHandlerConfigs(): Record<string, never>;
}

export const DEFAULT_AWS_TIMEOUT_MS = 10_000;

export function fetchRequestHandler(
  doFetch: typeof fetch,
  timeoutMs = DEFAULT_AWS_TIMEOUT_MS,
): FetchRequestHandler {
  return {
    metadata: { handlerProtocol: 'http/1.1' },
    async handle(request, options) {
      // fetch sets Host and Content-Length itself, to the same values the SDK signed.
      const { host: _host, 'content-length': _length, ...headers } = lowerCased(request.headers);
      const timeout = AbortSignal.timeout(timeoutMs);
      const caller = options?.abortSignal;
      const signal = caller instanceof AbortSignal ? AbortSignal.any([caller, timeout]) : timeout;
      const response = await doFetch(requestUrl(request), {
        method: request.method,
        headers,
        signal,
        ...(request.body === undefined || request.body === null
          ? {}
          : { body: request.body as BodyInit }),
      });
      const responseHeaders: Record<string, string> = {};
      response.headers.forEach((value, name) => {
        responseHeaders[name] = value;
      });
      const body = new Uint8Array(await response.arrayBuffer());
      return {
        response: {
          statusCode: response.status,
          reason: response.statusText,
          headers: responseHeaders,
          body,
        },
      };
    },
    updateHttpClientConfig() {
      // Nothing to configure: the injected fetch owns connections.
    },
    httpHandlerConfigs: () => ({}),
  };
}

function requestUrl(request: SdkHttpRequest): string {
  const port = request.port === undefined ? '' : `:${request.port}`;
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(request.query ?? {})) {
    for (const item of Array.isArray(value) ? value : [value]) query.append(key, item ?? '');
  }
  const search = query.size === 0 ? '' : `?${query.toString()}`;
  return `${request.protocol}//${request.hostname}${port}${request.path}${search}`;
}

function lowerCased(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
}

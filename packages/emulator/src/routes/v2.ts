// The legacy API v2 ("vtapi/v2", reference §7): every endpoint is answered by
// the v3 handlers through `services.internal` and reshaped (see src/v2/ and
// docs/v2.md). v2 authenticates itself (`apikey` parameter), so its routes are
// open routes; premium-only v2 endpoints are not served.
import type { Handler } from '../http/types.ts';
import { fileScanHandler } from '../v2/file-scan.ts';
import { createPendingScans } from '@vtbroker/legacy-v2';
import { v2Handler } from '../v2/v2-endpoint.ts';
import {
  domainReportEndpoint,
  fileReportEndpoint,
  fileRescanEndpoint,
  ipReportEndpoint,
  urlReportEndpoint,
  urlScanEndpoint,
} from '@vtbroker/legacy-v2';
import type { Method, OpenCtx, OpenRoute, RouteModule } from './define.ts';

const route = (method: Method, path: string, handler: Handler<OpenCtx>): OpenRoute => ({
  kind: 'open',
  method,
  path: `/vtapi/v2/${path}`,
  api: 'v2',
  handler,
});

export const v2Routes: RouteModule = () => {
  // One per emulator: the analyses this emulator's v2 started.
  const pending = createPendingScans();
  const fileReport = v2Handler(fileReportEndpoint, pending);
  const urlReport = v2Handler(urlReportEndpoint, pending);
  return [
    // GET as documented (§7.2); POST as many clients send it.
    route('GET', 'file/report', fileReport),
    route('POST', 'file/report', fileReport),
    route('GET', 'url/report', urlReport),
    route('POST', 'url/report', urlReport),
    route('GET', 'domain/report', v2Handler(domainReportEndpoint, pending)),
    route('GET', 'ip-address/report', v2Handler(ipReportEndpoint, pending)),
    route('POST', 'file/scan', fileScanHandler(pending)),
    route('POST', 'file/rescan', v2Handler(fileRescanEndpoint, pending)),
    route('POST', 'url/scan', v2Handler(urlScanEndpoint, pending)),
  ];
};

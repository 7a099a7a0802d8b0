// One file upload, start to finish, wherever it arrives (`POST /files`, an
// upload URL, `POST /private/files`): stream and hash the body, charge the quota
// only when VT already knew the file ("uploading a file VT has never seen does
// not consume quota", reference §4.1 and §6), then start the analysis.
import type { EmuUser } from '../accounts/registry.ts';
import type { Analysis, AnalysisScope } from '../analyses/analysis.ts';
import { scanningOf } from '../analyses/scanning.ts';
import { VtHttpError } from '../errors.ts';
import type { EmuRequest } from '../http/types.ts';
import type { Services } from '../routes/define.ts';
import { receiveUpload } from './multipart-upload.ts';

/** `api_usage` counter charged when a known file is uploaded again (emulator's name [U]). */
export const SUBMISSION_COUNTER = 'submissions';

export interface AcceptOptions {
  scope: AnalysisScope;
  /** settings.uploads.directMaxBytes (`POST /files`) or uploadUrlMaxBytes (upload URLs). */
  maxBytes: number;
}

export async function acceptFileUpload(
  services: Services,
  user: EmuUser,
  req: EmuRequest,
  options: AcceptOptions,
): Promise<Analysis> {
  const { uploads } = services.settings;
  const prefix = options.scope === 'private' ? '/private' : '';
  const received = await receiveUpload(req, {
    maxBytes: options.maxBytes,
    retainBytesMax: uploads.retainBytesMax,
    tooLargeHint:
      options.maxBytes < uploads.uploadUrlMaxBytes
        ? `Larger files (up to ${uploads.uploadUrlMaxBytes} bytes) go through GET ${prefix}/files/upload_url.`
        : 'VT accepts no larger file.',
  });
  const { analyses } = scanningOf(services);
  if (options.scope === 'public' && analyses.isKnownFile(received.hashes.sha256)) {
    chargeKnownUpload(services, user);
  }
  return analyses.submitFile(
    {
      hashes: received.hashes,
      size: received.size,
      name: received.filename,
      content: options.scope === 'public' ? received.content : undefined,
    },
    { user, scope: options.scope, isSubmission: true },
  );
}

function chargeKnownUpload(services: Services, user: EmuUser): void {
  const decision = services.consumeQuota(user, 1, SUBMISSION_COUNTER, { recordUsage: false });
  if (!decision.ok) {
    throw new VtHttpError(
      'QuotaExceededError',
      `Quota exceeded: ${decision.allowed} requests per ${decision.window} window allowed ` +
        '(re-uploading a file VT already has costs one request)',
    );
  }
}

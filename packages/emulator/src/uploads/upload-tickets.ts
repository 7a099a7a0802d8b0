// One-time upload URLs (`GET /files/upload_url`, `GET /private/files/upload_url`).
// VT's URL is single-use (reference §4.1); how VT answers a second use or an
// expired URL is not documented [U]. The emulator's choice, in one place:
import { notFound, VtHttpError } from '../errors.ts';
import type { Random } from '../random.ts';

/** Where upload URLs live on the emulator's origin, as on VT (`/_ah/upload/<token>/`). */
export const UPLOAD_PATH_PREFIX = '/_ah/upload';
/** Random hex characters in a token. */
const TOKEN_LENGTH = 48;

export type UploadScope = 'public' | 'private';

export interface UploadTicket {
  readonly token: string;
  /** The user who asked for the URL: the upload is theirs (and logged as theirs). */
  readonly userId: string;
  readonly scope: UploadScope;
  readonly expiresAtMs: number;
  used: boolean;
}

export interface UploadTickets {
  issue(userId: string, scope: UploadScope, nowMs: number, ttlSeconds: number): UploadTicket;
  /** Marks the ticket used and returns it, or throws the error the caller gets. */
  claim(token: string, nowMs: number): UploadTicket;
}

export function createUploadTickets(random: Random): UploadTickets {
  const tickets = new Map<string, UploadTicket>();
  const prune = (nowMs: number): void => {
    for (const [token, ticket] of tickets) {
      if (ticket.expiresAtMs <= nowMs) tickets.delete(token);
    }
  };
  return {
    issue(userId, scope, nowMs, ttlSeconds) {
      prune(nowMs);
      const ticket = {
        token: random.hex(TOKEN_LENGTH),
        userId,
        scope,
        expiresAtMs: nowMs + ttlSeconds * 1000,
        used: false,
      };
      tickets.set(ticket.token, ticket);
      return ticket;
    },
    claim(token, nowMs) {
      const ticket = tickets.get(token);
      // An expired ticket may already be pruned: both read "expired or unknown" [U].
      if (!ticket || ticket.expiresAtMs <= nowMs) {
        throw notFound(
          'This upload URL is unknown or has expired; get a new one from GET /files/upload_url',
        );
      }
      if (ticket.used) {
        throw new VtHttpError(
          'BadRequestError',
          'This upload URL has already been used (they are single-use); get a new one from GET /files/upload_url',
        );
      }
      ticket.used = true;
      return ticket;
    },
  };
}

export const uploadUrl = (origin: string, ticket: UploadTicket): string =>
  `${origin}${UPLOAD_PATH_PREFIX}/${ticket.token}/`;

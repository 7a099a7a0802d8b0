// Privilege names the emulator checks. VT's real privilege names for each
// feature are not all documented [U]; these are the emulator's, listed in the
// package README, and a premium key gets them all unless told otherwise.

export const PRIVILEGES = [
  'intelligence', // /intelligence/search and VT Enterprise-only relationships
  'retrohunt', // /intelligence/retrohunt_jobs
  'livehunt', // /intelligence/hunting_rulesets and notifications
  'file-feed', // /feeds/files
  'url-feed', // /feeds/urls
  'downloads-tier-2', // /files/{id}/download and download_url
  'private-scanning', // /private/*
] as const;

export type Privilege = (typeof PRIVILEGES)[number];

export function isPrivilege(name: string): name is Privilege {
  return (PRIVILEGES as readonly string[]).includes(name);
}

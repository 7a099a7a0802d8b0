// Relationship names per object type (reference §2.3, from vt-cli's generated
// docs and the object pages). `one` marks one-to-one relationships; `intelligence`
// marks the "VT Enterprise users only" ones, answered 403 without that privilege.
import type { Privilege } from '../accounts/privileges.ts';

export interface RelationshipName {
  name: string;
  kind: 'one' | 'many';
  privilege?: Privilege;
  description: string;
}

const many = (names: string, privilege?: Privilege): RelationshipName[] =>
  names
    .split(/\s+/)
    .filter(Boolean)
    .map((name) => ({
      name,
      kind: 'many',
      description: name.replaceAll('_', ' '),
      ...(privilege ? { privilege } : {}),
    }));
const one = (name: string, privilege?: Privilege): RelationshipName => ({
  name,
  kind: 'one',
  description: name.replaceAll('_', ' '),
  ...(privilege ? { privilege } : {}),
});

export const RELATIONSHIPS: Record<string, RelationshipName[]> = {
  file: [
    ...many('analyses behaviours comments votes graphs collections screenshots user_votes'),
    ...many(
      `bundled_files carbonblack_children carbonblack_parents ciphered_bundled_files ciphered_parents
       clues code_blocks compressed_parents contacted_domains contacted_ips contacted_urls distributors
       dropped_files email_attachments email_parents email_senders embedded_domains embedded_ips
       embedded_urls execution_parents hash_collisions itw_domains itw_ips itw_urls
       memory_pattern_domains memory_pattern_ips memory_pattern_urls overlay_children overlay_parents
       pcap_children pcap_parents pe_resource_children pe_resource_parents references
       related_attack_techniques related_references related_threat_actors sigma_analysis similar_files
       submissions urls_for_embedded_js`,
      'intelligence',
    ),
  ],
  url: [
    ...many('analyses comments graphs related_comments votes user_votes collections'),
    one('last_serving_ip_address'),
    one('network_location'),
    ...many(
      `communicating_files contacted_domains contacted_ips downloaded_files embedded_js_files
       http_response_contents memory_pattern_parents redirecting_urls redirects_to references
       referrer_files referrer_urls related_attack_techniques related_collections related_references
       related_threat_actors submissions urls_related_by_tracker_id`,
      'intelligence',
    ),
  ],
  domain: [
    ...many(`caa_records cname_records collections comments graphs historical_ssl_certificates
       historical_whois mx_records ns_records resolutions siblings soa_records subdomains votes user_votes`),
    one('immediate_parent'),
    one('parent'),
    ...many(
      `communicating_files downloaded_files memory_pattern_parents references referrer_files
       related_attack_techniques related_comments related_references related_threat_actors urls`,
      'intelligence',
    ),
  ],
  ip_address: [
    ...many(`collections comments communicating_files graphs historical_ssl_certificates historical_whois
       related_comments resolutions votes user_votes`),
    ...many(
      `downloaded_files memory_pattern_parents references referrer_files related_attack_techniques
       related_references related_threat_actors urls`,
      'intelligence',
    ),
  ],
  analysis: [one('item')],
};

export function relationshipOf(type: string, name: string): RelationshipName | undefined {
  return RELATIONSHIPS[type]?.find((r) => r.name === name);
}

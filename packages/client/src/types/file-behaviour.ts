// Sandbox reports (reference §4.1): `file_behaviour` objects (id
// `<sha256>_<sandbox>`, §3) from `GET /files/{id}/behaviours`, and the merged
// `behaviour_summary`, a plain dict without the per-report fields. The
// reference lists the keys, not their shapes: every activity list is optional
// and the nested shapes follow VT's sandbox documentation.
import type { VtObject } from './envelope.ts';

export interface ProcessNode {
  process_id: string;
  name: string;
  children?: ProcessNode[];
}

export interface DroppedFile {
  path: string;
  sha256?: string;
  type?: string;
}

export interface RegistryValue {
  key: string;
  value?: string;
}

export interface DnsLookup {
  hostname: string;
  resolved_ips?: string[];
}

export interface IpTraffic {
  destination_ip: string;
  destination_port?: number;
  transport_layer_protocol?: string;
}

export interface HttpConversation {
  url: string;
  request_method?: string;
  response_status_code?: number;
}

export interface MitreAttackTechnique {
  id: string;
  signature_description?: string;
  severity?: string;
}

/** The activity lists a sandbox report and the summary share. */
export type BehaviourActivity = {
  verdicts?: string[];
  tags?: string[];
  processes_tree?: ProcessNode[];
  processes_created?: string[];
  processes_terminated?: string[];
  command_executions?: string[];
  modules_loaded?: string[];
  calls_highlighted?: string[];
  files_opened?: string[];
  files_written?: string[];
  files_deleted?: string[];
  files_dropped?: DroppedFile[];
  registry_keys_opened?: string[];
  registry_keys_set?: RegistryValue[];
  registry_keys_deleted?: string[];
  mutexes_created?: string[];
  mutexes_opened?: string[];
  dns_lookups?: DnsLookup[];
  ip_traffic?: IpTraffic[];
  http_conversations?: HttpConversation[];
  mitre_attack_techniques?: MitreAttackTechnique[];
};

/** A type alias (not an interface) so `VtFileBehaviour` fits the generic `VtObject`. */
export type FileBehaviourAttributes = BehaviourActivity & {
  sandbox_name: string;
  analysis_date?: number;
  last_modification_date?: number;
  behash?: string;
  has_html_report?: boolean;
  has_pcap?: boolean;
  has_evtx?: boolean;
  has_memdump?: boolean;
};

export type VtFileBehaviour = VtObject<'file_behaviour', FileBehaviourAttributes>;

/** `GET /files/{id}/behaviour_summary`: every sandbox's activity merged (§4.1). */
export type BehaviourSummary = BehaviourActivity;

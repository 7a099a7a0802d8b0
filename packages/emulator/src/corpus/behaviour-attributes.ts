// Attributes of one synthetic sandbox report (`file_behaviour`, reference §4.1
// and the GTI-SPEC behaviour example): process tree, file, registry and mutex
// activity, and network activity taken from the file's FileActivity.
import type { Random } from '../random.ts';
import { MITRE_TECHNIQUES, type TechniqueHit } from './mitre.ts';
import type { Attributes } from './objects.ts';

export interface BehaviourInput {
  sandbox: string;
  /** The file's own attributes. */
  file: Attributes;
  platform: 'windows' | 'linux' | 'android';
  malicious: boolean;
  dns: { hostname: string; resolved_ips: string[] }[];
  ips: string[];
  urls: string[];
  dropped: string[];
}

const SEVERITIES: TechniqueHit['severity'][] = [
  'IMPACT_SEVERITY_INFO',
  'IMPACT_SEVERITY_LOW',
  'IMPACT_SEVERITY_MEDIUM',
  'IMPACT_SEVERITY_HIGH',
];
const MUTEXES = ['Global\\{A3F1-77C2}', 'Local\\ZonesCacheCounterMutex', 'SM0:1234:168:WilStaging'];
const BEHAVIOUR_TAGS = [
  'DETECT_DEBUG_ENVIRONMENT',
  'LONG_SLEEPS',
  'PERSISTENCE',
  'CHECKS_CPU_NAME',
];

export function behaviourAttributes(random: Random, input: BehaviourInput): Attributes {
  const analysed = numberAttr(input.file, 'last_analysis_date') - random.range(60, 3600);
  const meaningful = input.file['meaningful_name'];
  const name = typeof meaningful === 'string' ? meaningful : 'sample';
  const paths = platformPaths(input.platform, name);
  return {
    sandbox_name: input.sandbox,
    analysis_date: analysed,
    last_modification_date: analysed + random.range(60, 600),
    behash: random.hex(32),
    has_html_report: true,
    has_pcap: input.urls.length > 0 || input.ips.length > 0,
    has_evtx: false,
    has_memdump: false,
    verdicts: input.malicious ? ['MALWARE', random.pick(['TROJAN', 'RANSOM', 'SPREADER'])] : [],
    tags: input.malicious ? pickSome(random, BEHAVIOUR_TAGS, 2) : [],
    ...processActivity(random, paths),
    ...fileActivity(paths, input.dropped),
    ...(input.platform === 'windows' ? windowsActivity(random, paths.exe) : {}),
    ...networkActivity(random, input),
    mitre_attack_techniques: input.malicious ? techniqueHits(random) : [],
  };
}

function processActivity(random: Random, paths: PlatformPaths): Attributes {
  const pid = random.range(1000, 9000);
  return {
    processes_tree: [
      {
        process_id: String(pid),
        name: paths.exe,
        children: [{ process_id: String(pid + 4), name: paths.shell }],
      },
    ],
    processes_created: [paths.exe, paths.shell],
    command_executions: [`"${paths.exe}"`, `${paths.shell} ${paths.shellArgs}`],
    modules_loaded: paths.modules,
    calls_highlighted: paths.calls,
  };
}

function fileActivity(paths: PlatformPaths, dropped: string[]): Attributes {
  return {
    files_opened: [paths.exe, ...paths.opened],
    files_written: dropped.map((_, i) => `${paths.temp}${i + 1}.tmp`),
    files_dropped: dropped.map((sha256, i) => ({ path: `${paths.temp}${i + 1}.tmp`, sha256 })),
  };
}

function windowsActivity(random: Random, exe: string): Attributes {
  const run = 'HKEY_CURRENT_USER\\Software\\Microsoft\\Windows\\CurrentVersion\\Run';
  return {
    registry_keys_opened: [run, 'HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Cryptography'],
    registry_keys_set: [{ key: `${run}\\${random.hex(6)}`, value: exe }],
    mutexes_created: pickSome(random, MUTEXES, 2),
    mutexes_opened: pickSome(random, MUTEXES, 1),
  };
}

function networkActivity(random: Random, input: BehaviourInput): Attributes {
  return {
    dns_lookups: input.dns,
    ip_traffic: input.ips.map((ip) => ({
      destination_ip: ip,
      destination_port: random.pick([80, 443, 8080, 4444]),
      transport_layer_protocol: 'TCP',
    })),
    http_conversations: input.urls.map((url) => ({
      url,
      request_method: random.pick(['GET', 'POST']),
      response_status_code: random.pick([200, 200, 404]),
    })),
  };
}

function techniqueHits(random: Random): TechniqueHit[] {
  return pickSome(random, MITRE_TECHNIQUES, random.range(2, 5)).map((t) => ({
    id: t.id,
    signature_description: t.signature,
    severity: random.pick(SEVERITIES),
  }));
}

interface PlatformPaths {
  exe: string;
  shell: string;
  shellArgs: string;
  temp: string;
  opened: string[];
  modules: string[];
  calls: string[];
}

function platformPaths(platform: BehaviourInput['platform'], name: string): PlatformPaths {
  if (platform === 'windows') {
    return {
      exe: `C:\\Users\\user\\AppData\\Local\\Temp\\${name}`,
      shell: 'C:\\Windows\\System32\\cmd.exe',
      shellArgs: '/c ping 127.0.0.1 -n 3',
      temp: 'C:\\Users\\user\\AppData\\Local\\Temp\\~DF',
      opened: ['C:\\Windows\\System32\\kernel32.dll', 'C:\\Windows\\win.ini'],
      modules: ['kernel32.dll', 'advapi32.dll', 'ws2_32.dll', 'wininet.dll'],
      calls: ['GetTickCount', 'IsDebuggerPresent', 'CreateProcessW', 'InternetOpenUrlW'],
    };
  }
  const root = platform === 'android' ? '/data/data/com.example.app' : '/tmp';
  return {
    exe: `${root}/${name}`,
    shell: platform === 'android' ? '/system/bin/sh' : '/bin/sh',
    shellArgs: '-c id',
    temp: `${root}/.cache/tmp`,
    opened: ['/proc/cpuinfo', '/etc/hosts'],
    modules: platform === 'android' ? ['libc.so', 'libart.so'] : ['libc.so.6', 'libpthread.so.0'],
    calls: ['ptrace', 'fork', 'connect'],
  };
}

function pickSome<T>(random: Random, items: readonly T[], n: number): T[] {
  const picked = new Set<T>();
  while (picked.size < Math.min(n, items.length)) picked.add(random.pick(items));
  return [...picked];
}

function numberAttr(attrs: Attributes, key: string): number {
  const v = attrs[key];
  return typeof v === 'number' ? v : 0;
}

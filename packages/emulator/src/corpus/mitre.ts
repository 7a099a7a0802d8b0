// A small MITRE ATT&CK table for synthetic sandbox reports, and the per-sandbox
// tree of `GET /files/{id}/behaviour_mitre_trees` (reference §4.1: the endpoint
// exists, its shape was not captured; this one follows what third-party
// clients parse: {tactics: [{id, name, description, link, techniques: [{id,
// name, description, link, signatures: [{severity, description}]}]}]}) [U].

export interface MitreTechnique {
  id: string;
  name: string;
  tacticId: string;
  tacticName: string;
  signature: string;
}

export const MITRE_TECHNIQUES: readonly MitreTechnique[] = [
  tech('T1059', 'Command and Scripting Interpreter', 'TA0002', 'Execution', 'Runs a shell command'),
  tech('T1106', 'Native API', 'TA0002', 'Execution', 'Calls process creation APIs'),
  tech('T1547', 'Boot or Logon Autostart Execution', 'TA0003', 'Persistence', 'Adds a Run key'),
  tech('T1055', 'Process Injection', 'TA0005', 'Defense Evasion', 'Writes into another process'),
  tech('T1027', 'Obfuscated Files or Information', 'TA0005', 'Defense Evasion', 'Packed sample'),
  tech('T1497', 'Virtualization/Sandbox Evasion', 'TA0005', 'Defense Evasion', 'Checks for a VM'),
  tech('T1057', 'Process Discovery', 'TA0007', 'Discovery', 'Enumerates running processes'),
  tech('T1082', 'System Information Discovery', 'TA0007', 'Discovery', 'Reads the OS version'),
  tech('T1071', 'Application Layer Protocol', 'TA0011', 'Command and Control', 'Talks HTTP to C2'),
  tech('T1486', 'Data Encrypted for Impact', 'TA0040', 'Impact', 'Encrypts user files'),
];

function tech(
  id: string,
  name: string,
  tacticId: string,
  tacticName: string,
  signature: string,
): MitreTechnique {
  return { id, name, tacticId, tacticName, signature };
}

/** `mitre_attack_techniques` entries of a file_behaviour. */
export interface TechniqueHit {
  id: string;
  signature_description: string;
  severity:
    | 'IMPACT_SEVERITY_INFO'
    | 'IMPACT_SEVERITY_LOW'
    | 'IMPACT_SEVERITY_MEDIUM'
    | 'IMPACT_SEVERITY_HIGH';
}

const TREE_SEVERITY: Record<TechniqueHit['severity'], string> = {
  IMPACT_SEVERITY_INFO: 'INFO',
  IMPACT_SEVERITY_LOW: 'LOW',
  IMPACT_SEVERITY_MEDIUM: 'MEDIUM',
  IMPACT_SEVERITY_HIGH: 'HIGH',
};

const mitreLink = (kind: 'tactics' | 'techniques', id: string): string =>
  `https://attack.mitre.org/${kind}/${id}/`;

/** Groups a sandbox's technique hits by tactic. */
export function mitreTree(hits: readonly TechniqueHit[]): { tactics: unknown[] } {
  const tactics = new Map<string, { info: MitreTechnique; techniques: unknown[] }>();
  for (const hit of hits) {
    const info = MITRE_TECHNIQUES.find((t) => t.id === hit.id);
    if (!info) continue;
    const entry = tactics.get(info.tacticId) ?? { info, techniques: [] };
    entry.techniques.push({
      id: info.id,
      name: info.name,
      description: `${info.name} (synthetic description)`,
      link: mitreLink('techniques', info.id),
      signatures: [
        { severity: TREE_SEVERITY[hit.severity], description: hit.signature_description },
      ],
    });
    tactics.set(info.tacticId, entry);
  }
  return {
    tactics: [...tactics.values()].map(({ info, techniques }) => ({
      id: info.tacticId,
      name: info.tacticName,
      description: `${info.tacticName} (synthetic description)`,
      link: mitreLink('tactics', info.tacticId),
      techniques,
    })),
  };
}

import type { HandBackContract } from '../../src/handback/contract.js';

/**
 * One piece of a rendered reply: left out when one of its keys is dropped, or replaced when `without` names the
 * key.
 */
interface Segment {
  keys: string[];
  text: string;
  without?: { key: string; text: string };
}

/**
 * A reply written by following a contract, the way an agent reads the
 * prompt's Hand-back section, with a key on each part so that a test can
 * drop one at a time.
 */
export function replyFromContract(contract: HandBackContract): { keys: string[]; text: (drop?: string) => string } {
  const segments: Segment[] = [
    { keys: [], text: `# Hand-back: phase ${contract.phase} wave ${contract.wave}\n\n## PR URLs\n` },
  ];
  for (const pr of contract.prs)
    segments.push({
      keys: [`pr:${pr.number}`],
      text: `${pr.number}. ${pr.id}: https://forge.example/org/platform/pulls/${100 + pr.number}`,
    });
  segments.push({ keys: [], text: '\n## Per module\n' });
  for (const module of contract.modules) {
    const claim = (line: 'audit' | 'manifest', text: string): Segment => ({
      keys: [`module:${module.id}`, `module:${module.id}:${line}`],
      text: `${text} (verified: \`docker inspect\`).`,
      without: { key: `label:${module.id}`, text: `${text}.` },
    });
    segments.push(
      { keys: [`module:${module.id}`], text: `### ${module.id}\n` },
      claim('audit', '- Audit found: image and volumes as running'),
      claim('manifest', '- Manifest declares: its data stores and backup priority'),
      { keys: [`module:${module.id}`, `module:${module.id}:unverified`], text: '- UNVERIFIED: none.\n' },
    );
  }
  segments.push(
    { keys: ['health'], text: `## ${contract.subsystem} subsystem health\n` },
    {
      keys: ['health'],
      text: 'At the end of the run, from `docker compose ps`:\n',
      without: { key: 'health:command', text: 'At the end of the run:\n' },
    },
  );
  for (const module of contract.modules)
    for (const container of module.containers)
      segments.push({ keys: ['health', `health:${container}`], text: `- apps-${container}-1: running` });
  segments.push(
    { keys: ['health'], text: '\nNothing changed since the start.\n' },
    { keys: ['noticed'], text: '## Noticed, not done\n\nNone.' },
  );
  const keys = [...new Set(segments.flatMap((s) => [...s.keys, ...(s.without ? [s.without.key] : [])]))];
  return {
    keys,
    text: (drop) =>
      `${segments
        .flatMap((s) =>
          drop !== undefined && s.keys.includes(drop)
            ? []
            : drop !== undefined && s.without?.key === drop
              ? [s.without.text]
              : [s.text],
        )
        .join('\n')}\n`,
  };
}

/** The finding dropping a part must give. */
export function codeForDropped(key: string): string {
  if (key.startsWith('pr:')) return 'handback-pr-missing';
  if (key.startsWith('label:')) return 'handback-claim-unlabelled';
  if (/^module:[^:]+$/.test(key)) return 'handback-module-missing';
  if (key.startsWith('module:')) return 'handback-module-incomplete';
  if (key === 'health') return 'handback-health-missing';
  if (key === 'health:command') return 'handback-health-command';
  if (key.startsWith('health:')) return 'handback-health-container';
  if (key === 'noticed') return 'handback-noticed-missing';
  throw new Error(`no expected finding for ${key}`);
}

import { describe, expect, it } from 'vitest';
import { compileWave } from '../../src/compile.js';
import { checkHandBack } from '../../src/handback/hand-back.js';
import { proposeCharterRoles } from '../../src/schema/charter-roles.js';
import { copyWorkspace } from '../helpers/workspace.js';

/** A charter numbered and titled unlike the example's: secrets, deploy and honesty elsewhere. */
const OTHER_CHARTER = `# Team charter

## §1 Backups

Nightly.

## §2 Keys and secrets

In the vault.

## §5 Release process

Through CI.

## §8 Honesty of claims

Label every claim.
`;

const EXAMPLE_ROLES = 'charter_roles:\n  deploy: 3\n  secrets: 4\n  honesty: 13\n';

describe('charter roles: fragments cite a charter section by role, the config maps the role', () => {
  it('cites the section of the right role in a charter numbered differently', async () => {
    const ws = await copyWorkspace();
    try {
      await ws.write('charter/PLATFORM_CHARTER.md', OTHER_CHARTER);
      await ws.edit('wavec.config.yaml', (t) =>
        t.replace(EXAMPLE_ROLES, 'charter_roles:\n  deploy: 5\n  secrets: 2\n  honesty: 8\n'),
      );
      await ws.edit('waves/phase-02/wave-2.yaml', (t) =>
        t.replace(/section: 3\b/g, 'section: 5').replace(/section: 13\b/g, 'section: 8'),
      );
      const result = await compileWave(ws.root, { wave: 2 });
      const text = result.prompt?.text ?? '';
      expect(text).toContain('never its value (charter §2).');
      // The section is headed with the title of the charter section the honesty role maps to.
      expect(text).toContain('## Honesty of claims (charter §8)');
      expect(text).toContain('charter §5');
      expect(text).not.toMatch(/§(?:3|4|13)\b/);
      // The honesty role, not a title that says "Wakeup honesty", asks the reply for labels and has them checked.
      expect(text).toContain('Label each claim verified, assumed or unknown (charter §8).');
      const reply = '- n8n: audit found x; manifest declares y (verified); UNVERIFIED: none.\n';
      const checked = await checkHandBack(ws.root, { wave: 2 }, { path: 'reply.md', text: reply });
      expect(checked.contract?.labels).toEqual({ section: 8, title: 'Honesty of claims' });
      expect(checked.diagnostics.map((d) => d.code)).toContain('handback-claim-unlabelled');
    } finally {
      await ws.cleanup();
    }
  });

  it('an unmapped role is an error at the citing fragment, listing the headings and the likeliest', async () => {
    const ws = await copyWorkspace();
    try {
      await ws.edit('wavec.config.yaml', (t) => t.replace('  secrets: 4\n', ''));
      const result = await compileWave(ws.root, { wave: 2 });
      const found = result.diagnostics.filter((d) => d.code === 'charter-role-unmapped');
      expect(found).toMatchObject([
        {
          severity: 'error',
          file: 'templates/constraints/no-secrets.md',
          line: 6,
          hint: 'did you mean §4 "Secrets"? add `secrets: 4` under charter_roles',
        },
      ]);
      const { message } = found[0]!;
      expect(message).toMatch(
        /^charter role "secrets" is not mapped in charter_roles \(wavec\.config\.yaml\); the charter has §1 .*§4 /,
      );
      const body = (await ws.read('templates/constraints/no-secrets.md')).split('\n')[5]!;
      expect(found[0]!.column).toBe(body.indexOf('{{charter "secrets"}}') + 1);
      expect(result.ok).toBe(false);
    } finally {
      await ws.cleanup();
    }
  });

  it('a role mapped to a section the charter lacks says so', async () => {
    const ws = await copyWorkspace();
    try {
      await ws.edit('wavec.config.yaml', (t) => t.replace('  honesty: 13\n', '  honesty: 31\n'));
      const result = await compileWave(ws.root, { wave: 2 });
      const messages = result.diagnostics.filter((d) => d.code === 'charter-role-unmapped').map((d) => d.message);
      expect(messages).toHaveLength(1);
      expect(messages[0]).toMatch(
        /^charter role "honesty" is mapped to §31 in charter_roles .*, which the charter lacks;/,
      );
    } finally {
      await ws.cleanup();
    }
  });
});

describe('proposing charter roles from headings', () => {
  it.each([
    ['Truthful status', 7],
    ['Honest reporting', 7],
    ['Reporting', undefined],
  ])('"%s" proposes honesty: %s', (title, section) => {
    const proposed = proposeCharterRoles([
      { section: 3, title: 'Credentials' },
      { section: 5, title: 'Release' },
      { section: 7, title },
    ]);
    expect(proposed).toEqual({ deploy: 5, secrets: 3, ...(section === undefined ? {} : { honesty: section }) });
  });
});

import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { wavecBin } from '../../helpers/bin.js';
import { useStarterWorkspaces } from '../../helpers/starter-workspace.js';

const starter = useStarterWorkspaces();

describe("a role wavec's own fragment cites, missing from charter_roles (through the bin)", () => {
  it('is reported where the user maps roles, the citation in the package as the related place', async () => {
    const ws = await starter();
    const config = path.join(ws.root, 'wavec.config.yaml');
    await writeFile(config, (await readFile(config, 'utf8')).replace(/^ {2}secrets: \d+\n/m, ''));
    const run = wavecBin(['compile', '1'], ws.root);
    expect(run.exit).not.toBe(0);
    expect(run.stderr).toMatch(/^wavec\.config\.yaml:\d+:\d+ error charter-role-unmapped charter role "secrets"/m);
    expect(run.stderr).toMatch(/no-secrets\.md:\d+:\d+ wavec's fragment "no-secrets" cites the role here/);
    expect(run.stderr).toMatch(/hint: did you mean §\d+ "Secrets"\? add `secrets: \d+` under charter_roles/);
  });
});

import { describe, expect, it } from 'vitest';
import { compileWave } from '../../src/compile.js';
import type { Fragment } from '../../src/load/fragments.js';
import { loadWorkspace, type Workspace } from '../../src/load/workspace.js';
import { EXAMPLE } from '../helpers/workspace.js';

/** The workspace with one fragment's body replaced, as a reload after an edit gives it. */
function withBody(workspace: Workspace, id: string, change: (body: string) => string): Workspace {
  const fragments = new Map(workspace.fragments);
  const fragment = fragments.get(id)!;
  fragments.set(id, { ...fragment, body: change(fragment.body) } satisfies Fragment);
  return { ...workspace, fragments };
}

describe('templates cached in process by body', () => {
  it(
    'a recompile after a fragment edit renders the new body, and the old ' + 'body again after the edit is undone',
    async () => {
      const loaded = await loadWorkspace(EXAMPLE);
      if (!loaded.ok) throw new Error('example workspace does not load');
      const before = (await compileWave(loaded.workspace, { wave: 4 })).prompt!.text;
      const edited = withBody(loaded.workspace, 'why', (body) => `${body}\nAn edit only this test makes.\n`);
      const after = (await compileWave(edited, { wave: 4 })).prompt!.text;
      expect(after).toContain('\nAn edit only this test makes.\n');
      expect((await compileWave(loaded.workspace, { wave: 4 })).prompt!.text).toBe(before);
    },
  );

  it(
    'two fragments with the same body each render as themselves (partials ' + 'are passed per render, not cached)',
    async () => {
      const loaded = await loadWorkspace(EXAMPLE);
      if (!loaded.ok) throw new Error('example workspace does not load');
      const missionBody = loaded.workspace.fragments.get('mission')!.body;
      const same = withBody(loaded.workspace, 'why', () => missionBody);
      const text = (await compileWave(same, { wave: 4 })).prompt!.text;
      const mission = (await compileWave(loaded.workspace, { wave: 4 }))
        .prompt!.text.split('## Mission')[1]!
        .split('\n## ')[0]!;
      expect(text.split(mission).length - 1).toBe(2);
    },
  );
});

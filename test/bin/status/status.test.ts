import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { wavecBin } from '../../helpers/bin.js';
import { fixtureRoot, REPO_ROOT, useScratchWorkspaces } from '../../helpers/workspace.js';

const scratch = useScratchWorkspaces();

describe('wavec status through bin/wavec.js', () => {
  it('lists the programme of the example workspace, every wave fresh and nothing recorded yet', () => {
    expect(wavecBin(['status'], fixtureRoot('example'))).toEqual({
      exit: 0,
      stderr: '',
      stdout: [
        'wave      spec  prompt  PR body  hand-back     open items',
        'phase 02',
        '  wave 2  yes   fresh   -        not recorded  -',
        '  wave 3  yes   fresh   -        not recorded  -',
        '  wave 4  yes   fresh   -        not recorded  -',
        '',
      ].join('\n'),
    });
  });

  it('lists every phase of a workspace that has two, as JSON too', () => {
    const run = wavecBin(['status', '--format', 'json'], fixtureRoot('two-phases'));
    expect(run.exit).toBe(0);
    const { waves } = JSON.parse(run.stdout) as { waves: { phase: number; wave: number; spec: string }[] };
    expect(waves.map((w) => `${w.phase}:${w.wave} ${w.spec}`)).toEqual([
      '1:1 waves/phase-01/wave-1.yaml',
      '1:2 waves/phase-01/wave-2.yaml',
      '2:1 waves/phase-02/wave-1.yaml',
    ]);
  });

  it('tells a stale prompt, a hand-edited one, a missing one and a prompt whose spec is gone', async () => {
    const ws = await scratch();
    await ws.edit('waves/phase-02/wave-2.yaml', (t) => t.replace(/^title: .*$/m, 'title: Renamed'));
    await ws.edit('prompts/phase-02-wave-3.md', (t) => `${t}\nA hand edit.\n`);
    const { rm } = await import('node:fs/promises');
    await rm(path.join(ws.root, 'prompts/phase-02-wave-4.md'));
    await ws.write('prompts/phase-02-wave-7.md', await ws.read('prompts/phase-02-wave-2.md'));
    await ws.write(
      'prompts/phase-02-wave-7.provenance.json',
      (await ws.read('prompts/phase-02-wave-2.provenance.json')).replace('"wave": 2', '"wave": 7'),
    );
    const run = wavecBin(['status'], ws.root);
    expect(run.stdout).toBe(
      [
        'wave      spec     prompt          PR body  hand-back     open items',
        'phase 02',
        '  wave 2  yes      stale           -        not recorded  -',
        '  wave 3  yes      edited by hand  -        not recorded  -',
        '  wave 4  yes      not compiled    -        not recorded  -',
        '  wave 7  missing  spec gone       -        not recorded  -',
        '',
      ].join('\n'),
    );
  });

  it('tells a PR body written before its prompt changed from one still current', async () => {
    const ws = await scratch();
    for (const wave of ['3', '4']) expect(wavecBin(['pr', wave, '--write'], ws.root).exit).toBe(0);
    const row = (wave: number) => wavecBin(['status'], ws.root).stdout.split('\n')[wave]!; // header, phase, waves 2–4
    expect(row(4)).toMatch(/^ {2}wave 4 +yes +fresh +written /);
    await ws.edit('waves/phase-02/wave-4.yaml', (t) => t.replace(/^title: .*$/m, 'title: Renamed'));
    expect(wavecBin(['compile', '4'], ws.root).exit).toBe(0);
    expect(row(4)).toMatch(/^ {2}wave 4 +yes +fresh +stale /);
    expect(row(3)).toMatch(/^ {2}wave 3 +yes +fresh +written /);
    const json = JSON.parse(wavecBin(['status', '--format', 'json'], ws.root).stdout) as {
      waves: { wave: number; pr_body: { written: boolean; fresh: boolean | null } }[];
    };
    expect(json.waves.map((w) => [w.wave, w.pr_body.written, w.pr_body.fresh])).toEqual([
      [2, false, null],
      [3, true, true],
      [4, true, false],
    ]);
    expect(wavecBin(['pr', '4', '--write'], ws.root).exit).toBe(0);
    expect(row(4)).toMatch(/^ {2}wave 4 +yes +fresh +written /);
  });

  it('says whether a recorded hand-back met the contract, and which open items a later wave carried', async () => {
    const ws = await scratch();
    await ws.write('reply.md', await readFile(path.join(REPO_ROOT, 'test/handback/replies/wave-4-good.md'), 'utf8'));
    expect(wavecBin(['handback', '4', 'reply.md', '--record'], ws.root).exit).toBe(0);
    expect(wavecBin(['new', '5'], ws.root).exit).toBe(0);
    await ws.edit('waves/phase-02/wave-5.yaml', (t) =>
      t.replace("TODO: carry or defer (wave 4's hand-back, noticed, not done): ", ''),
    );
    const run = wavecBin(['status'], ws.root);
    expect(run.stdout.split('\n').slice(4, 6)).toEqual([
      '  wave 4  yes   fresh         -        met the contract  4: 1 taken up, 3 not carried',
      '  wave 5  yes   not compiled  -        not recorded      -',
    ]);
    await ws.write('prompts/phase-02-wave-4.handback.json', '{"format": "something else"}\n');
    expect(wavecBin(['status'], ws.root).stdout.split('\n')[4]).toBe(
      '  wave 4  yes   fresh         -        record unreadable  -',
    );
  });
});

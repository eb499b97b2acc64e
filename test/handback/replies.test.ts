import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { compileWave } from '../../src/compile.js';
import { checkReply } from '../../src/handback/check.js';
import { handBackContract, type HandBackContract } from '../../src/handback/contract.js';
import { checkHandBack } from '../../src/handback/hand-back.js';
import { EXAMPLE, REPO_ROOT, useScratchWorkspaces } from '../helpers/workspace.js';

const REPLIES = 'test/handback/replies';
const findings = async (name: string) => {
  const file = `${REPLIES}/${name}`;
  const result = await checkHandBack(
    EXAMPLE,
    { wave: 4 },
    { path: file, text: await readFile(path.join(REPO_ROOT, file), 'utf8') },
  );
  expect(result.inputError).toBe(false);
  return result.diagnostics.map((d) => `${d.file}:${d.line}:${d.column} ${d.code} ${d.message}`);
};

describe('wavec handback on the wave 4 fixture replies', () => {
  it.each(['wave-4-good.md', 'wave-4-numbered.md', 'wave-4-plain.md'])(
    '%s, written by following the prompt, meets the contract',
    async (name) => {
      expect(await findings(name)).toEqual([]);
    },
  );

  it('a reply with one PR URL missing', async () => {
    expect(await findings('wave-4-missing-url.md')).toEqual([
      `${REPLIES}/wave-4-missing-url.md:3:4 handback-pr-missing no PR URL for PR 5 (open-loops-honcho), and it ` +
        'is not reported blocked: the plan has 5 PRs, the reply gives 4 URLs',
    ]);
  });

  it('hints say how a blocked PR is written and where a claim label may stand', async () => {
    const hints = async (name: string) => {
      const file = `${REPLIES}/${name}`;
      const text = await readFile(path.join(REPO_ROOT, file), 'utf8');
      const result = await checkHandBack(EXAMPLE, { wave: 4 }, { path: file, text });
      return result.diagnostics.map((d) => `${d.code}: ${d.hint}`);
    };
    expect(await hints('wave-4-missing-url.md')).toEqual([
      expect.stringMatching(
        /^handback-pr-missing: a PR that could not be opened is written .*"blocked" and the reason/,
      ),
    ]);
    expect(await hints('wave-4-unlabelled.md')).toContainEqual(
      expect.stringMatching(/^handback-claim-unlabelled: write the label in the claim .*before it \("Verified: audit/),
    );
  });

  it('gives the label hint once per reply, not under every unlabelled claim', async () => {
    const file = 'test/handback/corpus/w4-defective-unlabelled.md';
    const text = await readFile(path.join(REPO_ROOT, file), 'utf8');
    const result = await checkHandBack(EXAMPLE, { wave: 4 }, { path: file, text });
    const unlabelled = result.diagnostics.filter((d) => d.code === 'handback-claim-unlabelled');
    expect(unlabelled).toHaveLength(2);
    expect(unlabelled.map((d) => d.hint !== undefined)).toEqual([true, false]);
  });

  it('a reply with a duplicated PR URL', async () => {
    expect(await findings('wave-4-duplicate-url.md')).toEqual([
      `${REPLIES}/wave-4-duplicate-url.md:3:4 handback-pr-missing no PR URL for PR 4 (honcho-deriver), and it ` +
        'is not reported blocked: the plan has 5 PRs, the reply gives 4 URLs',
      `${REPLIES}/wave-4-duplicate-url.md:8:4 handback-pr-duplicate PR URL https://git.home.example/platform/iskra-platform/pulls/43 is given twice (first on line 7): each planned PR has its own`,
    ]);
  });

  it('a reply with a module missing from the per-module part', async () => {
    expect(await findings('wave-4-module-missing.md')).toEqual([
      `${REPLIES}/wave-4-module-missing.md:11:4 handback-module-missing no part for module honcho-redis: what ` +
        'the audit found, what the manifest declares, what is UNVERIFIED',
    ]);
  });

  it('a health observation that skips a container', async () => {
    expect(await findings('wave-4-health-skips-container.md')).toEqual([
      `${REPLIES}/wave-4-health-skips-container.md:37:4 handback-health-container the health observation does ` +
        'not name the container of honcho-deriver',
    ]);
  });

  it('module parts whose claims carry no verified/assumed/unknown label', async () => {
    expect(await findings('wave-4-unlabelled.md')).toEqual([
      `${REPLIES}/wave-4-unlabelled.md:21:3 handback-claim-unlabelled honcho-redis: what the audit found is ` +
        'not labelled verified, assumed or unknown (charter §13)',
      `${REPLIES}/wave-4-unlabelled.md:33:3 handback-claim-unlabelled honcho-deriver: what the audit found is ` +
        'not labelled verified, assumed or unknown (charter §13)',
      `${REPLIES}/wave-4-unlabelled.md:34:3 handback-claim-unlabelled honcho-deriver: what the manifest ` +
        'declares is not labelled verified, assumed or unknown (charter §13)',
    ]);
  });

  it.each([
    'wave-4-good.md',
    'wave-4-numbered.md',
    'wave-4-duplicate-url.md',
    'wave-4-unlabelled.md',
    'wave-4-health-skips-container.md',
  ])('%s gives the same findings with CRLF line endings and a BOM', async (name) => {
    const text = await readFile(path.join(REPO_ROOT, REPLIES, name), 'utf8');
    const contract = handBackContract((await compileWave(EXAMPLE, { wave: 4 })).facts!.composition.context);
    expect(checkReply(contract, { path: name, text: `\uFEFF${text.replace(/\n/g, '\r\n')}` })).toEqual(
      checkReply(contract, { path: name, text }),
    );
  });

  it('a wave that does not compile is an input error, not a finding about the reply', async () => {
    const result = await checkHandBack(EXAMPLE, { wave: 9 }, { path: 'reply.md', text: '' });
    expect(result).toMatchObject({ ok: false, inputError: true });
    expect(result.diagnostics.map((d) => d.code)).toEqual(['spec-not-found']);
  });
});

describe('lenient about form, strict about content', () => {
  let contract: HandBackContract;
  let good: string;
  beforeAll(async () => {
    contract = handBackContract((await compileWave(EXAMPLE, { wave: 4 })).facts!.composition.context);
    good = await readFile(path.join(REPO_ROOT, REPLIES, 'wave-4-good.md'), 'utf8');
  });
  const check = (text: string) =>
    checkReply(contract, { path: 'reply.md', text }).map((d) => `${d.line}:${d.column} ${d.code} ${d.message}`);
  const swap = (from: string, to: string) => {
    expect(good).toContain(from);
    return good.replace(from, to);
  };

  it('reads GitHub, GitLab and Forgejo PR URLs, CRLF line endings and a BOM', () => {
    const text = swap(
      '1. https://git.home.example/platform/iskra-platform/pulls/41',
      '1. https://github.com/home/platform/pull/41',
    ).replace(
      '2. https://git.home.example/platform/iskra-platform/pulls/42',
      '2. https://gitlab.example/home/platform/-/merge_requests/42',
    );
    expect(check(`\uFEFF${text.replace(/\n/g, '\r\n')}`)).toEqual([]);
  });

  it('takes a blocked PR with its reason in place of its URL, and not without one', () => {
    expect(
      check(
        swap(
          '4. https://git.home.example/platform/iskra-platform/pulls/44',
          '4. honcho-deriver: blocked, the container was not running',
        ),
      ),
    ).toEqual([]);
    expect(
      check(swap('4. https://git.home.example/platform/iskra-platform/pulls/44', '4. honcho-deriver: blocked')),
    ).toEqual(['8:20 handback-blocked-reason PR 4 (honcho-deriver) is reported blocked without a reason']);
  });

  it('reports a URL beyond the plan and a second URL for one PR', () => {
    expect(
      check(
        swap(
          '5. https://git.home.example/platform/iskra-platform/pulls/45',
          '5. https://git.home.example/platform/iskra-platform/pulls/45\n6. https://git.home.example/platform/iskra-platform/pulls/46',
        ),
      ),
    ).toEqual([
      '10:4 handback-pr-extra PR URL https://git.home.example/platform/iskra-platform/pulls/46 is one more than the 5 PRs the plan has',
    ]);
    expect(
      check(
        swap(
          '5. https://git.home.example/platform/iskra-platform/pulls/45',
          '5. honcho-redis: https://git.home.example/platform/iskra-platform/pulls/45',
        ),
      ),
    ).toEqual([
      '3:4 handback-pr-missing no PR URL for PR 5 (open-loops-honcho), and it is not reported blocked: the ' +
        'plan has 5 PRs, the reply gives 5 URLs',
      '9:18 handback-pr-extra a second PR URL (https://git.home.example/platform/iskra-platform/pulls/45) for PR 2 (honcho-redis): one URL per planned PR (the first is on line 6)',
    ]);
  });

  it('says which line of a module part is missing', () => {
    expect(
      check(
        swap(
          '- Manifest declares: a `data_stores` entry at `backup_priority: important` (verified).\n' +
            '- UNVERIFIED: none.\n',
          '',
        ),
      ),
    ).toEqual([
      '19:5 handback-module-incomplete the part for honcho-redis does not say what the manifest declares or ' +
        'what is UNVERIFIED (or "UNVERIFIED: none")',
    ]);
  });

  it('wants each container with its state, and the command', () => {
    expect(check(swap('- honcho-api: running (healthy)', '- honcho-api: as before'))).toEqual([
      '43:3 handback-health-container the health observation names the container of honcho-api but not its ' +
        'state (running, exited, healthy, …)',
    ]);
    expect(
      check(
        swap(
          'At the end of the run (verified: `docker compose -p apps ps --profile honcho`):',
          'At the end of the run (verified):',
        ),
      ),
    ).toEqual([
      "37:4 handback-health-command the health observation does not give the command that showed the containers' state",
    ]);
  });

  it('wants the noticed, not done list, which may say none', () => {
    expect(
      check(swap('- `infra/` redis has no `maxmemory` set; left for the phase 03 infra-tier wave.', 'None.')),
    ).toEqual([]);
    expect(check(swap('- `infra/` redis has no `maxmemory` set; left for the phase 03 infra-tier wave.', ''))).toEqual([
      '48:4 handback-noticed-missing the "noticed, not done" list is empty: list what you saw out of scope, or ' +
        'say none',
    ]);
    expect(check(good.slice(0, good.indexOf('## Noticed')))).toEqual([
      '1:1 handback-noticed-missing no "noticed, not done" list: list what you saw out of scope, or say none',
    ]);
  });

  it('reads module parts written as a table, labels in their own column', () => {
    const start = good.indexOf('## Per module');
    const end = good.indexOf('## Honcho subsystem health');
    const table = [
      '## Per module',
      '',
      '| module | audit found | manifest declares | UNVERIFIED | label |',
      '| --- | --- | --- | --- | --- |',
      ...contract.modules.map((m) => `| ${m.id} | as running | data stores | none | verified |`),
      '',
      '',
    ].join('\n');
    expect(check(good.slice(0, start) + table + good.slice(end))).toEqual([]);
    expect(check(good.slice(0, start) + table.replace('none | verified |', 'none | |') + good.slice(end))).toEqual([
      '15:21 handback-claim-unlabelled honcho-postgres: what the audit found is not labelled verified, assumed ' +
        'or unknown (charter §13)',
      '15:34 handback-claim-unlabelled honcho-postgres: what the manifest declares is not labelled verified, ' +
        'assumed or unknown (charter §13)',
    ]);
  });

  it('tells n8n from n8n-worker (wave 2)', async () => {
    const wave2 = handBackContract((await compileWave(EXAMPLE, { wave: 2 })).facts!.composition.context);
    const reply = (health: string) =>
      [
        '1. PR URLs: https://github.com/h/p/pull/1, https://github.com/h/p/pull/2',
        '2. Per module:',
        '   - n8n: audit found the router (verified); manifest declares no data_stores (verified); UNVERIFIED: none',
        '   - n8n-worker: audit found the queue (verified); manifest declares a worker (verified); UNVERIFIED: none',
        `3. The n8n subsystem health observation (\`docker compose ps\`): ${health}`,
        '4. Noticed, not done: none',
        '',
      ].join('\n');
    expect(checkReply(wave2, { path: 'r.md', text: reply('apps-n8n-1 up, apps-n8n-worker-1 up') })).toEqual([]);
    expect(checkReply(wave2, { path: 'r.md', text: reply('apps-n8n-worker-1 up') }).map((d) => d.message)).toEqual([
      'the health observation does not name the container of n8n',
    ]);
  });
});

describe('more natural shapes of a reply', () => {
  it('a PR table, module parts as numbered headings at the level of "Per module", health as one sentence', async () => {
    const contract = handBackContract((await compileWave(EXAMPLE, { wave: 4 })).facts!.composition.context);
    const text = [
      '## PRs',
      '',
      '| # | PR | URL |',
      '| --- | --- | --- |',
      ...contract.prs.map((pr) => `| ${pr.number} | ${pr.id} | https://git.example/h/p/pulls/${60 + pr.number} |`),
      '',
      '## Per module',
      '',
      ...contract.modules.flatMap((m, i) => [
        `## ${i + 1}. ${m.id}`,
        '',
        'Verified:',
        `- Audit found ${m.id} running as the compose file says.`,
        '- The manifest declares its stores.',
        '',
        'UNVERIFIED: none.',
        '',
      ]),
      '## Health',
      '',
      'All four containers (honcho-postgres, honcho-redis, honcho-api, honcho-deriver) are running (verified ' +
        'with `docker compose -p apps ps`); nothing changed since the start.',
      '',
      '## Noticed, not done',
      '',
      '- none',
      '',
    ].join('\n');
    expect(checkReply(contract, { path: 'reply.md', text })).toEqual([]);
  });
});

describe('answers the forge and the reader would give', () => {
  let contract: HandBackContract;
  let good: string;
  beforeAll(async () => {
    contract = handBackContract((await compileWave(EXAMPLE, { wave: 4 })).facts!.composition.context);
    good = await readFile(path.join(REPO_ROOT, REPLIES, 'wave-4-good.md'), 'utf8');
  });
  const codes = (text: string) => checkReply(contract, { path: 'reply.md', text }).map((d) => d.code);
  const withUrls = (urls: string[]) => {
    let text = good;
    urls.forEach((url, i) => {
      text = text.replace(
        `${i + 1}. https://git.home.example/platform/iskra-platform/pulls/${41 + i}`,
        `${i + 1}. ${url}`,
      );
    });
    return text;
  };

  it.each([
    ['a leading zero', 'https://git.home.example/platform/iskra-platform/pulls/041'],
    ['the host in capitals', 'https://GIT.HOME.EXAMPLE/platform/iskra-platform/pulls/41'],
    ['the default port', 'https://git.home.example:443/platform/iskra-platform/pulls/41'],
    ['the owner and repository in another case', 'https://git.home.example/Platform/Iskra-Platform/pulls/41'],
    ['http instead of https', 'http://git.home.example/platform/iskra-platform/pulls/41'],
    ['a page of the PR', 'https://git.home.example/platform/iskra-platform/pulls/41/files'],
  ])('one PR written with %s is still one PR: the second is a duplicate', (_, url) => {
    const text = withUrls([
      'https://git.home.example/platform/iskra-platform/pulls/41',
      url,
      'https://git.home.example/platform/iskra-platform/pulls/43',
      'https://git.home.example/platform/iskra-platform/pulls/44',
      'https://git.home.example/platform/iskra-platform/pulls/45',
    ]);
    expect(codes(text)).toEqual(['handback-pr-missing', 'handback-pr-duplicate']);
  });

  it('tells GitLab merge requests with and without /-/ apart from another port', () => {
    const mr = (n: string) => `https://gitlab.example/home/platform/${n}`;
    expect(
      codes(
        withUrls([
          mr('-/merge_requests/1'),
          mr('merge_requests/1'),
          mr('-/merge_requests/3'),
          mr('-/merge_requests/4'),
          mr('-/merge_requests/5'),
        ]),
      ),
    ).toEqual(['handback-pr-missing', 'handback-pr-duplicate']);
    expect(
      codes(
        withUrls([
          'https://gitlab.example/home/platform/-/merge_requests/1',
          'https://gitlab.example:8443/home/platform/-/merge_requests/1',
          mr('-/merge_requests/3'),
          mr('-/merge_requests/4'),
          mr('-/merge_requests/5'),
        ]),
      ),
    ).toEqual([]);
  });

  it('does not read text inside HTML comments: a URL there is not given', () => {
    const hidden = good.replace(
      '5. https://git.home.example/platform/iskra-platform/pulls/45',
      '<!-- 5. https://git.home.example/platform/iskra-platform/pulls/45 -->',
    );
    expect(codes(hidden)).toEqual(['handback-pr-missing']);
    const multiLine = good.replace('## Noticed, not done', '<!--\n## Noticed, not done');
    expect(codes(`${multiLine}\n-->\n`)).toEqual(['handback-noticed-missing']);
  });

  it('a comment the agent left beside a real answer changes nothing', () => {
    expect(codes(good.replace('## PR URLs', '## PR URLs <!-- in plan order -->\n<!-- draft: blocked -->'))).toEqual([]);
  });

  it.each([
    'None of the PRs was blocked.',
    'No PR was blocked.',
    'Nothing blocked; every PR is open.',
    'Blocked PRs: none.',
  ])('"%s" is not one more blocked report', (sentence) => {
    expect(
      codes(
        good.replace(
          '5. https://git.home.example/platform/iskra-platform/pulls/45',
          `5. https://git.home.example/platform/iskra-platform/pulls/45\n\n${sentence}`,
        ),
      ),
    ).toEqual([]);
  });

  it('"PR 4 blocked: …" still is one, with its reason', () => {
    expect(
      codes(
        good.replace(
          '4. https://git.home.example/platform/iskra-platform/pulls/44',
          '4. Blocked: the deriver was not running and the prompt says not to start it.',
        ),
      ),
    ).toEqual([]);
  });
});

describe('a module whose compose service and containers are not its id', () => {
  const scratch = useScratchWorkspaces();

  it('is named by its containers in the prompt and in the health observation a reply must give', async () => {
    const ws = await scratch();
    await ws.edit('waves/phase-02/wave-4.yaml', (t) =>
      t.replace(
        '  - id: honcho-deriver\n',
        '  - id: honcho-deriver\n    service: deriver\n    containers: [honcho-deriver-a, honcho-deriver-b]\n',
      ),
    );
    const result = await compileWave(ws.root, { wave: 4 });
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(result.prompt!.text).toContain(
      '(`honcho-postgres`, `honcho-redis`, `honcho-api`, `honcho-deriver-a`, `honcho-deriver-b`)',
    );
    const contract = handBackContract(result.facts!.composition.context);
    const good = await readFile(path.join(REPO_ROOT, REPLIES, 'wave-4-good.md'), 'utf8');
    const check = (text: string) =>
      checkReply(contract, { path: 'reply.md', text }).map((d) => `${d.code} ${d.message}`);
    expect(check(good)).toEqual([
      'handback-health-container the health observation does not name container honcho-deriver-a',
      'handback-health-container the health observation does not name container honcho-deriver-b',
    ]);
    expect(
      check(
        good.replace(
          '- honcho-deriver: running',
          '- apps-honcho-deriver-a-1: running\n- apps-honcho-deriver-b-1: running (healthy)',
        ),
      ),
    ).toEqual([]);
  });
});

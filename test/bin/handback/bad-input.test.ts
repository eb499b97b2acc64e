import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { wavecBin } from '../../helpers/bin.js';
import { EXAMPLE, REPO_ROOT, useScratchWorkspaces } from '../../helpers/workspace.js';
import { startSession, type Session } from '../../mcp/session.js';

/**
 * The agent's reply is untrusted input: one repro per family of the third
 * attack (issue 21), each through the shipped bin. wavecBin stops a run
 * after 10 s, so a reader that is not linear fails here instead of stalling.
 */
const scratch = useScratchWorkspaces();
const good = () => readFile(path.join(REPO_ROOT, 'test/handback/replies/wave-4-good.md'), 'utf8');
const lastLine = (text: string) => text.trimEnd().split('\n').pop();

async function replyFile(name: string, text: string): Promise<{ root: string; file: string }> {
  const ws = await scratch();
  await ws.write(name, text);
  return { root: ws.root, file: name };
}

describe('a hostile reply is read in linear time (the reader and the printer)', () => {
  it('one 100 KB line of what a trailing-characters pattern backtracks on (over 20 s before)', async () => {
    const { root, file } = await replyFile('reply.md', `## PR URLs${' #*_'.repeat(25_000)}x\n`);
    const run = wavecBin(['handback', '4', file], root);
    expect(run.exit).toBe(1);
    expect(lastLine(run.stdout)).toMatch(/^reply\.md: does not meet the hand-back contract of wave 4 \(phase 2\): /);
  });

  it('20,000 URL lines printed as human findings (93 s before; 4 s as JSON)', async () => {
    const urls = Array.from({ length: 20_000 }, (_, i) => `- https://git.example/o/p/pulls/${i + 1}`);
    const { root, file } = await replyFile('reply.md', `## PR URLs\n\n${urls.join('\n')}\n`);
    const printed = path.join(root, 'printed.txt');
    const run = wavecBin(['handback', '4', file], root, { stdoutTo: printed });
    expect(run.exit).toBe(1);
    expect(lastLine(await readFile(printed, 'utf8'))).toBe(
      'reply.md: does not meet the hand-back contract of wave 4 (phase 2): 20001 errors, 0 warnings',
    );
  });
});

describe('standard input has the limit a reply file has', () => {
  it('refuses a reply over max_file_bytes from - as from a file, without reading it all', async () => {
    const ws = await scratch();
    await ws.edit('wavec.config.yaml', (t) => `${t}\nmax_file_bytes: 65536\n`);
    const big = `${await good()}\n${'padding\n'.repeat(10_000)}`;
    await writeFile(path.join(ws.root, 'reply.md'), big);
    const fromStdin = wavecBin(['handback', '4', '-'], ws.root, { input: big });
    expect(fromStdin).toMatchObject({ exit: 2, stdout: '' });
    expect(fromStdin.stderr).toContain(
      '<stdin>:1:1 error file-too-large <stdin> is over 65536 bytes; the limit is 65536 bytes',
    );
    const fromFile = wavecBin(['handback', '4', 'reply.md'], ws.root);
    expect(fromFile).toMatchObject({ exit: 2, stdout: '' });
    expect(fromFile.stderr).toContain(`reply.md:1:1 error file-too-large reply.md is ${big.length} bytes`);
    // Within the limit, standard input is read as the file is.
    expect(wavecBin(['handback', '4', '-'], EXAMPLE, { input: await good() }).exit).toBe(0);
  });
});

describe('hand-back answers as the forge and a reader would give them', () => {
  const check = async (text: string) => {
    const { root, file } = await replyFile('reply.md', text);
    return wavecBin(['handback', '4', file], root);
  };

  it('/pulls/43 and /pulls/043, another host case, :443 and another owner case are one PR', async () => {
    const text = (await good())
      .replace('pulls/44', 'pulls/043')
      .replace(
        'https://git.home.example/platform/iskra-platform/pulls/45',
        'https://GIT.home.example:443/Platform/Iskra-Platform/pulls/42',
      );
    const run = await check(text);
    expect(run.exit).toBe(1);
    expect(run.stdout.split('\n').filter((line) => line.includes(' error '))).toEqual([
      'reply.md:3:4 error handback-pr-missing no PR URL for PR 4 (honcho-deriver), and it is not reported blocked: ' +
        'the plan has 5 PRs, the reply gives 3 URLs',
      'reply.md:3:4 error handback-pr-missing no PR URL for PR 5 (open-loops-honcho), ' +
        'and it is not reported blocked: the plan has 5 PRs, the reply gives 3 URLs',
      'reply.md:8:4 error handback-pr-duplicate PR URL https://git.home.example/platform/iskra-platform/pulls/043 ' +
        'is given twice (first on line 7): each planned PR has its own',
      'reply.md:9:4 error handback-pr-duplicate PR URL https://GIT.home.example:443/Platform/Iskra-Platform/pulls/42 ' +
        'is given twice (first on line 6): each planned PR has its own',
    ]);
  });

  it('a URL inside an HTML comment is not given', async () => {
    const run = await check(
      (await good()).replace(
        '5. https://git.home.example/platform/iskra-platform/pulls/45',
        '5. <!-- https://git.home.example/platform/iskra-platform/pulls/45 -->',
      ),
    );
    expect(run.exit).toBe(1);
    expect(run.stdout).toContain('error handback-pr-missing no PR URL for PR 5 (open-loops-honcho)');
  });

  it('"None of the PRs was blocked." is not one more blocked report', async () => {
    const run = await check((await good()).replace('## Per module', 'None of the PRs was blocked.\n\n## Per module'));
    expect(run).toMatchObject({ exit: 0, stderr: '' });
  });
});

describe('the MCP server keeps answering while a hostile check_hand_back runs', () => {
  let session: Session | undefined;
  afterEach(async () => {
    await session?.close();
    session = undefined;
  });

  it('answers ping within 100 ms while it reads a reply of about 1 MB', async () => {
    const ws = await scratch();
    session = await startSession(ws.root);
    // A first call loads the workspace's fragments and caches, as any first call does: not what is measured here.
    await session.call('check_hand_back', { wave: 4, text: await good() });
    const hostile = '- honcho-api: blocked blocked; audit found x; manifest declares y\n'.repeat(15_000);
    let done = false;
    const call = session.call('check_hand_back', { wave: 4, text: hostile }).finally(() => (done = true));
    const latencies: number[] = [];
    let pingedWhileRunning = 0;
    for (let i = 0; i < 10 && !done; i++) {
      const start = performance.now();
      await session.client.ping();
      latencies.push(performance.now() - start);
      if (!done) pingedWhileRunning++;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const answer = await call;
    expect(answer.isError).toBe(true);
    expect(pingedWhileRunning, 'the check was still running while the server was pinged').toBeGreaterThan(0);
    expect(Math.max(...latencies), `ping latencies: ${latencies.map((l) => l.toFixed(0)).join(', ')} ms`).toBeLessThan(
      100,
    );
  });
});

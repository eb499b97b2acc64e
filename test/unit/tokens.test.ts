import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { get_encoding } from 'tiktoken';
import { describe, expect, it } from 'vitest';
import { getTokenizer } from '../../src/analyse/tokens.js';
import { ENCODINGS } from '../../src/schema/config.js';

const ROOT = path.resolve(import.meta.dirname, '../..');

function sourceFiles(): { name: string; text: string }[] {
  const files = readdirSync(path.join(ROOT, 'src'), { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts') || file.endsWith('.md'))
    .sort()
    .map((file) => path.join('src', file));
  files.push('node_modules/handlebars/README.markdown');
  return files.map((name) => ({ name, text: readFileSync(path.join(ROOT, name), 'utf8') }));
}

const GENERATED: Record<string, string> = {
  empty: '',
  ascii: 'DO NOT touch the Postgres volume; ALWAYS run `pg_dump` first.',
  accents: 'Café déjà vu, naïve façade, Ærøskøbing, Straße, İstanbul',
  greekCyrillic: 'Λόγος και Слово, ΑΒΓ абв',
  cjk: '数据库备份必须每天运行。バックアップは毎日実行します。백업은 매일 실행됩니다.',
  emoji: '🚀 deploy ✅ done 👩‍💻 dev 🇳🇴 flag 👍🏽 skin tone 🧑‍🤝‍🧑',
  combining: 'e\u0301 a\u0308 n\u0303 Z\u0351\u0352\u0353',
  rtl: 'مرحبا بالعالم שלום עולם',
  whitespace: '  a\t\tb   \n\n\n   c\r\n\u00a0\u2003d \u3000 e' + ' '.repeat(300) + '\n'.repeat(50) + '\t'.repeat(40),
  specials:
    'before <|endoftext|> middle <|fim_prefix|><|fim_middle|><|fim_suffix|> <|endofprompt|> after <|endoftext|>',
  numbers: '1234567890 3.14159 1e10 0xdeadbeef 2025-02-03 #29, #30, #32–34',
  markdown: '# Title\n\n- [ ] item\n\n```yaml\na: 1\n```\n\n| a | b |\n|---|---|\n| 1 | 2 |\n',
  long: 'lorem ipsum dolor sit amet '.repeat(2000),
  astral: '𝔘𝔫𝔦𝔠𝔬𝔡𝔢 𝐁𝐨𝐥𝐝 𠀀𠀁 \u{10FFFD}',
  // Tokens that begin with a byte-order mark (gpt-tokenizer's own counter finds none of them: \uFEFFusing is
  // 3 tokens there, 1 in tiktoken).
  byteOrderMarks: '\uFEFF \uFEFFusing namespace\n\uFEFF// a\n\uFEFF#\n\uFEFF\n\n x\uFEFF\uFEFF\uFEFF',
  loneSurrogates: 'a \uDC00\uDC00 b \uD800x \uD83D\n\uDE00 end\uD800',
};

const corpus = [
  ...sourceFiles(),
  ...Object.entries(GENERATED).map(([name, text]) => ({ name: `generated:${name}`, text })),
];

describe.each(ENCODINGS)('getTokenizer(%s)', (encoding) => {
  it('counts exactly what tiktoken counts, special-token text as plain text', async () => {
    const tokenizer = await getTokenizer(encoding);
    const reference = get_encoding(encoding);
    try {
      const expected = corpus.map(({ name, text }) => [name, reference.encode(text, [], []).length]);
      const actual = corpus.map(({ name, text }) => [name, tokenizer.count(text)]);
      expect(actual).toEqual(expected);
    } finally {
      reference.free();
    }
  });

  it('counts <|endoftext|> as several tokens, never as the one control token', async () => {
    const tokenizer = await getTokenizer(encoding);
    expect(tokenizer.count('<|endoftext|>')).toBeGreaterThan(1);
  });

  it('loads each encoding once', async () => {
    expect(await getTokenizer(encoding)).toBe(await getTokenizer(encoding));
  });
});

it('builds its corpus from the source tree', () => {
  expect(corpus.filter(({ name }) => name.startsWith('src/')).length).toBeGreaterThan(20);
});

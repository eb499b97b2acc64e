import { describe, expect, it } from 'vitest';
import { outputName, outputPath, provenancePath } from '../../src/load/output-path.js';
import { WavecConfig } from '../../src/schema/config.js';

describe('outputName', () => {
  it('zero-pads {phase:02} and leaves plain placeholders as they are', () => {
    expect(outputName('phase-{phase:02}-wave-{wave}.md', { phase: 2, wave: 4 })).toBe('phase-02-wave-4.md');
    expect(outputName('p{phase}-w{wave:03}.md', { phase: 12, wave: 7 })).toBe('p12-w007.md');
  });

  it('never truncates a value wider than the padding', () => {
    expect(outputName('{phase:02}', { phase: 123, wave: 1 })).toBe('123');
  });

  it('throws on an unknown placeholder', () => {
    expect(() => outputName('{stage}.md', { phase: 1, wave: 1 })).toThrow(
      'unknown placeholder {stage} in output_name "{stage}.md"',
    );
  });
});

describe('outputPath', () => {
  it('joins the output folder, without doubling a trailing slash', () => {
    const config = WavecConfig.parse({ output_dir: 'out/' });
    expect(outputPath(config, { phase: 1, wave: 3 })).toBe('out/phase-01-wave-3.md');
  });
});

describe('provenancePath', () => {
  it('puts the sidecar next to the prompt, replacing .md', () => {
    expect(provenancePath('prompts/phase-02-wave-4.md')).toBe('prompts/phase-02-wave-4.provenance.json');
    expect(provenancePath('prompts/notes.md.txt')).toBe('prompts/notes.md.txt.provenance.json');
  });
});

import { describe, expect, it } from 'vitest';
import { renderBarChart, type BarChart } from '../../src/explain/bar-chart.js';

const chart: BarChart = {
  title: 'Tokens by section (cumulative)',
  headings: ['section', 'tokens', 'lines'],
  rows: [
    { label: 'Mission', value: 20, extra: ['2'] },
    { label: 'Modules', value: 50, extra: ['9'] },
    { label: 'Tiny', value: 1, extra: ['1'] },
    { label: 'Hand-back', value: 19, extra: ['3'] },
  ],
  budget: 100,
  cumulative: true,
  total: { label: 'total', value: 90, extra: ['15'] },
};
const plain = { width: 20, unicode: false, color: false };

describe('renderBarChart', () => {
  it('draws a cumulative chart within budget, the budget line at the end of the scale', () => {
    expect(renderBarChart(chart, plain)).toBe(
      [
        'Tokens by section (cumulative)',
        '  section    tokens  lines           budget 100 |',
        '  Mission        20      2  ####                |',
        '  Modules        50      9      ##########      |',
        '  Tiny            1      1                .     |',
        '  Hand-back      19      3                ####  |',
        '  total          90     15  ##################  |',
        '',
      ].join('\n'),
    );
  });

  it('marks the cells past the budget line, so an overrun shows without colour', () => {
    expect(renderBarChart({ ...chart, budget: 50 }, plain)).toBe(
      [
        'Tokens by section (cumulative)',
        '  section    tokens  lines   budget 50 |',
        '  Mission        20      2  ####       |',
        '  Modules        50      9      #######|!!!!!',
        '  Tiny            1      1             |    .',
        '  Hand-back      19      3             |     !!!!',
        '  total          90     15  ###########|!!!!!!!!!',
        '',
      ].join('\n'),
    );
  });

  it('draws bars from zero when not cumulative, and shortens long labels', () => {
    const out = renderBarChart(
      {
        title: 'T',
        headings: ['x', 'n'],
        rows: [
          { label: 'a label that is far too long', value: 5 },
          { label: 'b', value: 10 },
        ],
        budget: 10,
        cumulative: false,
      },
      { ...plain, width: 10, maxLabel: 12 },
    );
    expect(out).toBe(
      [
        'T',
        '  x              n  budget 10 |',
        '  a label tha…   5  #####     |',
        '  b             10  ##########|',
        '',
      ].join('\n'),
    );
  });

  it('uses block characters on a terminal, and ANSI colours only when asked', () => {
    const unicode = renderBarChart({ ...chart, budget: 50 }, { ...plain, unicode: true });
    expect(unicode).toContain('  Modules        50      9      ███████│▓▓▓▓▓\n');
    expect(unicode).toContain('  Tiny            1      1             │    ▏\n');
    // eslint-disable-next-line no-control-regex -- deliberately matches the ESC (\u001b) of ANSI colour codes
    expect(unicode).not.toMatch(/\u001b\[/);
    const coloured = renderBarChart({ ...chart, budget: 50 }, { ...plain, unicode: true, color: true });
    expect(coloured).toContain('\u001b[31m▓\u001b[0m');
    expect(coloured).toContain('\u001b[33m│\u001b[0m');
    // eslint-disable-next-line no-control-regex -- deliberately matches the ESC (\u001b) of ANSI colour codes
    expect(coloured.replace(/\u001b\[\d+m/g, '')).toBe(unicode);
  });
});

/**
 * Wraps a plain-text commit message at `width` columns, the way git log
 * shows it well: paragraphs flow, list items (`- `) hang under their text.
 * Lines indented as code (a tab, four spaces) are left as they are, as is a
 * word longer than the width.
 */
export function wrapCommitMessage(text: string, width = 72): string {
  return text
    .split('\n')
    .flatMap((line) => {
      if (line.length <= width || /^(?:\t| {4})/.test(line)) return [line];
      const item = /^ {0,3}(?:- |\d+\. )/.exec(line);
      const hang = ' '.repeat(item ? item[0].length : 0);
      const out: string[] = [];
      let current = '';
      const [lead] = /^ */.exec(line)!;
      for (const word of line.slice(lead.length).split(' ')) {
        if (current !== '' && current.length + 1 + word.length > width) {
          out.push(current);
          current = hang + word;
        } else current = current === '' ? lead + word : `${current} ${word}`;
      }
      out.push(current);
      return out;
    })
    .join('\n');
}

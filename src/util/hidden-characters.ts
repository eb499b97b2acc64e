/**
 * Characters a reader cannot see but a model reads, in one table: controls (C0 but tab and line feed, DEL, C1),
 * zero-width characters and fillers, bidirectional controls (the "Trojan Source" family), the line and paragraph
 * separators (a model reads a new line where a reviewer sees none), private-use characters, Unicode tag characters
 * (which can smuggle whole ASCII instructions invisibly) and runs of variation selectors (one after a character picks
 * its glyph; a run of them carries data). Shared by the input checks (specs, fragments, the charter) and the prompt
 * lint rule, which sees every character that reaches the agent whatever its source.
 */
export interface HiddenCharacter {
  /** UTF-16 offset in the text. */
  offset: number;
  codePoint: number;
  /** `U+200B ZERO WIDTH SPACE` */
  label: string;
}

const NAMES: Record<number, string> = {
  0x00ad: 'SOFT HYPHEN',
  0x034f: 'COMBINING GRAPHEME JOINER',
  0x061c: 'ARABIC LETTER MARK',
  0x115f: 'HANGUL CHOSEONG FILLER',
  0x1160: 'HANGUL JUNGSEONG FILLER',
  0x180e: 'MONGOLIAN VOWEL SEPARATOR',
  0x200b: 'ZERO WIDTH SPACE',
  0x200c: 'ZERO WIDTH NON-JOINER',
  0x200d: 'ZERO WIDTH JOINER',
  0x200e: 'LEFT-TO-RIGHT MARK',
  0x200f: 'RIGHT-TO-LEFT MARK',
  0x2028: 'LINE SEPARATOR',
  0x2029: 'PARAGRAPH SEPARATOR',
  0x202a: 'LEFT-TO-RIGHT EMBEDDING',
  0x202b: 'RIGHT-TO-LEFT EMBEDDING',
  0x202c: 'POP DIRECTIONAL FORMATTING',
  0x202d: 'LEFT-TO-RIGHT OVERRIDE',
  0x202e: 'RIGHT-TO-LEFT OVERRIDE',
  0x2060: 'WORD JOINER',
  0x2061: 'FUNCTION APPLICATION',
  0x2062: 'INVISIBLE TIMES',
  0x2063: 'INVISIBLE SEPARATOR',
  0x2064: 'INVISIBLE PLUS',
  0x2066: 'LEFT-TO-RIGHT ISOLATE',
  0x2067: 'RIGHT-TO-LEFT ISOLATE',
  0x2068: 'FIRST STRONG ISOLATE',
  0x2069: 'POP DIRECTIONAL ISOLATE',
  0x3164: 'HANGUL FILLER',
  0xfeff: 'ZERO WIDTH NO-BREAK SPACE',
  0xffa0: 'HALFWIDTH HANGUL FILLER',
  0xfff9: 'INTERLINEAR ANNOTATION ANCHOR',
  0xfffa: 'INTERLINEAR ANNOTATION SEPARATOR',
  0xfffb: 'INTERLINEAR ANNOTATION TERMINATOR',
};

/** What kind of hidden character a code point is, or undefined for one a reader sees (or tab, line feed, CR). */
export type HiddenKind = 'control' | 'invisible' | 'private-use' | 'tag';

export function hiddenKind(codePoint: number): HiddenKind | undefined {
  // Printable ASCII first: nearly every character of a spec or prompt, and `in NAMES` converts the number to a key.
  if (codePoint >= 0x20 && codePoint < 0x7f) return undefined;
  if (codePoint < 0x20) return codePoint === 0x09 || codePoint === 0x0a || codePoint === 0x0d ? undefined : 'control';
  if (codePoint >= 0x7f && codePoint <= 0x9f) return 'control';
  if (codePoint in NAMES) return 'invisible';
  if ((codePoint >= 0xe000 && codePoint <= 0xf8ff) || codePoint >= 0xf0000) return 'private-use';
  if (codePoint >= 0xe0000 && codePoint <= 0xe007f) return 'tag';
  return undefined;
}

/** Variation selectors 1–16 and 17–256: one picks the glyph of the character before it. */
export function isVariationSelector(codePoint: number): boolean {
  return (codePoint >= 0xfe00 && codePoint <= 0xfe0f) || (codePoint >= 0xe0100 && codePoint <= 0xe01ef);
}

/**
 * Every hidden character in `text`, in one pass: each character of the table (except a joiner that builds one
 * visible emoji), and each run of variation selectors longer than one, or one with nothing before it to select for,
 * once at its first selector.
 */
export function findHiddenCharacters(text: string): HiddenCharacter[] {
  const found: HiddenCharacter[] = [];
  let runStart = -1;
  let runLength = 0;
  const endRun = () => {
    if (runLength > 1 || (runLength === 1 && runStart === 0)) {
      const codePoint = text.codePointAt(runStart)!;
      const what = runLength > 1 ? `a run of ${runLength} variation selectors` : 'a variation selector after nothing';
      found.push({ offset: runStart, codePoint, label: `${formatCodePoint(codePoint)} VARIATION SELECTOR (${what})` });
    }
    runLength = 0;
  };
  for (let i = 0; i < text.length; i++) {
    const codePoint = text.codePointAt(i)!;
    const width = codePoint > 0xffff ? 2 : 1;
    if (isVariationSelector(codePoint)) {
      if (runLength === 0) runStart = i;
      runLength++;
    } else {
      if (runLength > 0) endRun();
      const kind = hiddenKind(codePoint);
      if (kind !== undefined && !isEmojiJoiner(text, i, codePoint))
        found.push({ offset: i, codePoint, label: `${formatCodePoint(codePoint)} ${characterName(codePoint, kind)}` });
    }
    i += width - 1;
  }
  if (runLength > 0) endRun();
  return found;
}

function characterName(codePoint: number, kind: HiddenKind): string {
  if (kind === 'tag') return 'TAG CHARACTER';
  if (kind === 'control') return 'CONTROL CHARACTER';
  if (kind === 'private-use') return 'PRIVATE USE CHARACTER';
  return NAMES[codePoint] ?? 'INVISIBLE CHARACTER';
}

/** `U+200B`: how a message names a character. */
export function formatCodePoint(codePoint: number): string {
  return `U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** An emoji, optionally with its variation selector or skin tone, on either side of a joiner. */
// The class lists VS16 and the skin-tone modifiers as separate alternatives: one of them may follow the pictograph.
// eslint-disable-next-line no-misleading-character-class -- intended: one optional modifier code point, not a sequence
const PICTOGRAPH_BEFORE = /\p{Extended_Pictographic}[\u{FE0F}\u{1F3FB}-\u{1F3FF}]?$/u;
const PICTOGRAPH_AFTER = /^\p{Extended_Pictographic}/u;

/** A zero-width joiner between two emoji builds one visible emoji (👩‍💻): it hides nothing. */
function isEmojiJoiner(text: string, offset: number, codePoint: number): boolean {
  if (codePoint !== 0x200d) return false;
  return (
    PICTOGRAPH_BEFORE.test(text.slice(Math.max(0, offset - 4), offset)) &&
    PICTOGRAPH_AFTER.test(text.slice(offset + 1, offset + 3))
  );
}

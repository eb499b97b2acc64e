/**
 * Characters a reader cannot see but a model reads: zero-width characters,
 * bidirectional controls (the "Trojan Source" family) and Unicode tag
 * characters (which can smuggle whole ASCII instructions invisibly). Shared
 * by the input checks (specs, fragments) and the prompt lint rule.
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
  0x180e: 'MONGOLIAN VOWEL SEPARATOR',
  0x200b: 'ZERO WIDTH SPACE',
  0x200c: 'ZERO WIDTH NON-JOINER',
  0x200d: 'ZERO WIDTH JOINER',
  0x200e: 'LEFT-TO-RIGHT MARK',
  0x200f: 'RIGHT-TO-LEFT MARK',
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
  0xfeff: 'ZERO WIDTH NO-BREAK SPACE',
};

/** Tag characters U+E0000–U+E007F, zero-width and bidi controls, one global pattern. */
const HIDDEN =
  /[\u00AD\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]|\u{E0000}|[\u{E0001}-\u{E007F}]/gu;

/** Every hidden character in `text`, except joiners that build one visible emoji. */
export function findHiddenCharacters(text: string): HiddenCharacter[] {
  const found: HiddenCharacter[] = [];
  for (const match of text.matchAll(HIDDEN)) {
    const codePoint = match[0].codePointAt(0)!;
    if (isEmojiJoiner(text, match.index, codePoint)) continue;
    found.push({ offset: match.index, codePoint, label: `${formatCodePoint(codePoint)} ${characterName(codePoint)}` });
  }
  return found;
}

function characterName(codePoint: number): string {
  if (codePoint >= 0xe0000 && codePoint <= 0xe007f) return 'TAG CHARACTER';
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

// Characters that look like ASCII but are not: a Cyrillic "е" in `s3:GetObjеct`, a zero-width space
// pasted from a web page, a no-break space. IAM refuses them, and the text looks right to whoever reads
// the message: it has to say which character it is, and what it was meant to be.

/** Letters of other scripts drawn like a Latin one (Cyrillic, Greek), by the letter they look like. */
const LOOKS_LIKE: Readonly<Record<string, string>> = {
  // Cyrillic
  а: 'a',
  в: 'b',
  е: 'e',
  о: 'o',
  р: 'p',
  с: 'c',
  у: 'y',
  х: 'x',
  і: 'i',
  ј: 'j',
  ѕ: 's',
  ԁ: 'd',
  ԛ: 'q',
  ԝ: 'w',
  һ: 'h',
  ӏ: 'l',
  А: 'A',
  В: 'B',
  Е: 'E',
  К: 'K',
  М: 'M',
  Н: 'H',
  О: 'O',
  Р: 'P',
  С: 'C',
  Т: 'T',
  Х: 'X',
  І: 'I',
  Ј: 'J',
  Ѕ: 'S',
  // Greek
  ο: 'o',
  ν: 'v',
  Α: 'A',
  Β: 'B',
  Ε: 'E',
  Ζ: 'Z',
  Η: 'H',
  Ι: 'I',
  Κ: 'K',
  Μ: 'M',
  Ν: 'N',
  Ο: 'O',
  Ρ: 'P',
  Τ: 'T',
  Υ: 'Y',
  Χ: 'X',
}

/** Characters a reader cannot see, or sees as a plain space, by what they are. */
const UNSEEN: Readonly<Record<string, string>> = {
  '\u00a0': 'a no-break space',
  '\u00ad': 'a soft hyphen',
  '\u200b': 'a zero-width space',
  '\u200c': 'a zero-width non-joiner',
  '\u200d': 'a zero-width joiner',
  '\u2060': 'a word joiner',
  '\ufeff': 'a zero-width no-break space (byte order mark)',
}

/**
 * The first character of `text` that is not printable ASCII, said so that a reader can find it
 * (`"е" (U+0435), which looks like "e"`, `a zero-width space (U+200B)`), and `text` as it was most
 * likely meant: look-alikes as their ASCII letter, unseen characters left out, full-width forms as
 * theirs. Undefined when `text` is printable ASCII.
 */
export function foreignCharacter(text: string): { said: string; meant: string } | undefined {
  const first = [...text].find((c) => !isPrintableAscii(c))
  if (first === undefined) return undefined
  const code = `U+${(first.codePointAt(0) as number).toString(16).toUpperCase().padStart(4, '0')}`
  const like = asciiOf(first)
  const said = UNSEEN[first]
    ? `${UNSEEN[first]} (${code})`
    : like
      ? `${JSON.stringify(first)} (${code}), which looks like ${JSON.stringify(like)} but is not ASCII`
      : `${JSON.stringify(first)} (${code}), which is not ASCII`
  const meant = [...text]
    .map((c) => (isPrintableAscii(c) ? c : (asciiOf(c) ?? (UNSEEN[c] ? '' : c))))
    .join('')
  return { said, meant }
}

function isPrintableAscii(c: string): boolean {
  const code = c.charCodeAt(0)
  return c.length === 1 && code >= 0x20 && code < 0x7f
}

/** The ASCII character `c` stands for: a look-alike's letter, a full-width form's (`：` is `:`). */
function asciiOf(c: string): string | undefined {
  const code = c.codePointAt(0) as number
  if (code >= 0xff01 && code <= 0xff5e) return String.fromCharCode(code - 0xfee0)
  return LOOKS_LIKE[c]
}

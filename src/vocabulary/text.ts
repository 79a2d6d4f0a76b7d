// Text as a pull request may write it: long runs of one character are common in hostile input.

/**
 * `text` without the characters of `chars` at its end, walked back from the end. Not a RegExp such as
 * /\n+$/, which is tried from each character of a long run not at the end, and so quadratic in it.
 */
export function trimEndOf(text: string, chars: string): string {
  let end = text.length
  while (end > 0 && chars.includes(text.charAt(end - 1))) end--
  return text.slice(0, end)
}

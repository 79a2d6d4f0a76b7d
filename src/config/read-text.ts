import { readFileSync } from 'node:fs'

/**
 * A text file of the repository as its writer meant it: UTF-8, or UTF-16 with its byte order mark —
 * what Windows PowerShell's `>` writes (`terraform show -json plan > plan.json` on a Windows runner).
 * A UTF-8 byte order mark is left for the reader of the format, which knows where its columns start.
 */
export function readText(path: string): string {
  const text = readFileSync(path, 'utf8')
  // FF FE and FE FF are not UTF-8: each byte reads as U+FFFD. Only then is the file read again.
  if (text.charCodeAt(0) !== 0xfffd || text.charCodeAt(1) !== 0xfffd) return text
  const bytes = readFileSync(path)
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return bytes.toString('utf16le', 2)
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    const swapped = Buffer.from(bytes.subarray(2, bytes.length - (bytes.length % 2)))
    return swapped.swap16().toString('utf16le')
  }
  return text
}

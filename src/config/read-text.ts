import { closeSync, fstatSync, openSync, readFileSync, readSync } from 'node:fs'

/**
 * A text file of the repository as its writer meant it: UTF-8, or UTF-16 with its byte order mark —
 * what Windows PowerShell's `>` writes (`terraform show -json plan > plan.json` on a Windows runner).
 * A UTF-8 byte order mark is left for the reader of the format, which knows where its columns start.
 */
export function readText(path: string): string {
  return asWritten(path, readFileSync(path, 'utf8'))
}

/** The text of `path` read as UTF-8, or as UTF-16 when it starts with a UTF-16 byte order mark. */
function asWritten(path: string, utf8: string): string {
  // FF FE and FE FF are not UTF-8: each byte reads as U+FFFD. Only then is the file read again.
  if (utf8.charCodeAt(0) !== 0xfffd || utf8.charCodeAt(1) !== 0xfffd) return utf8
  const bytes = readFileSync(path)
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return bytes.toString('utf16le', 2)
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    const swapped = Buffer.from(bytes.subarray(2, bytes.length - (bytes.length % 2)))
    return swapped.swap16().toString('utf16le')
  }
  return utf8
}

/**
 * readText for a file a pull request may make as large as it likes: null when it is larger than
 * `maxBytes`, which its reader then refuses by name. Past its first 64 KiB its size is read first, so a
 * file of 600 MiB is refused without reading more of it. Past what Node can hold as one string (~512 MiB) or read at
 * all (2 GiB), the file is refused the same way instead of ending the run.
 */
export function readTextUpTo(path: string, maxBytes: number): string | null {
  const fd = openSync(path, 'r')
  try {
    // Most files are small: read whole into one buffer kept for the run, without asking their size
    // (an fstat and a Stats object per file were a tenth of reading 1,600 policy files).
    const small = readSmall(fd)
    if (small !== null) return small.length > maxBytes ? null : asWritten(path, small.toString('utf8'))
    return fstatSync(fd).size > maxBytes ? null : asWritten(path, readFileSync(fd, 'utf8'))
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ERR_STRING_TOO_LONG' || code === 'ERR_FS_FILE_TOO_LARGE') return null
    throw error
  } finally {
    closeSync(fd)
  }
}

const SMALL = Buffer.allocUnsafe(64 * 1024)

/** The bytes of the file open at `fd` (a view of SMALL) when all of them fit in it; else null. */
function readSmall(fd: number): Buffer | null {
  let n = 0
  for (;;) {
    const read = readSync(fd, SMALL, n, SMALL.length - n, n)
    if (read === 0) return SMALL.subarray(0, n)
    n += read
    if (n === SMALL.length) return null
  }
}

/** What is said of a file larger than a reader takes (`maxBytes`, a whole number of MiB). */
export function tooLarge(maxBytes: number): string {
  return `larger than ${maxBytes / 1024 / 1024} MiB; not read`
}

// The README's picture of the comment names the markdown it was rendered from: a PNG tEXt chunk holding
// a SHA-256 of that markdown with the parts that change on every run (job ids, dates) taken out.
import { createHash } from 'node:crypto'
import { crc32 } from 'node:zlib'

export const PICTURE_KEYWORD = 'iam-policy-drift:source-sha256'

/**
 * The markdown of a comment without what differs from run to run (generation job ids and dates), nor
 * the hidden line that names the run's config: GitHub does not show it, so no picture changes with it.
 */
export function stableMarkdown(markdown: string): string {
  return markdown
    .replace(/^<!-- iam-policy-drift:config [^\n]* -->\n/gm, '')
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, '<job-id>')
    .replace(/\d{4}-\d{2}-\d{2}(T[\d:.]+Z)?/g, '<date>')
}

export function pictureSource(markdown: string): string {
  return createHash('sha256').update(stableMarkdown(markdown)).digest('hex')
}

/** The PNG with a tEXt chunk `keyword`=`text` right after its header chunk. */
export function withTextChunk(png: Buffer, keyword: string, text: string): Buffer {
  const data = Buffer.from(`${keyword}\0${text}`, 'latin1')
  const chunk = Buffer.alloc(12 + data.length)
  chunk.writeUInt32BE(data.length, 0)
  chunk.write('tEXt', 4, 'latin1')
  data.copy(chunk, 8)
  chunk.writeUInt32BE(crc32(chunk.subarray(4, 8 + data.length)), 8 + data.length)
  const afterHeader = 8 + 12 + png.readUInt32BE(8) // signature, then IHDR: length, type, data, crc
  return Buffer.concat([png.subarray(0, afterHeader), chunk, png.subarray(afterHeader)])
}

/** The tEXt chunks of a PNG, by keyword (CRCs checked). */
export function textChunks(png: Buffer): Map<string, string> {
  const out = new Map<string, string>()
  for (let at = 8; at + 12 <= png.length; ) {
    const length = png.readUInt32BE(at)
    const type = png.toString('latin1', at + 4, at + 8)
    const end = at + 8 + length
    if (png.readUInt32BE(end) !== crc32(png.subarray(at + 4, end)))
      throw new Error(`bad CRC in ${type} chunk`)
    if (type === 'tEXt') {
      const text = png.toString('latin1', at + 8, end)
      const nul = text.indexOf('\0')
      out.set(text.slice(0, nul), text.slice(nul + 1))
    }
    at = end + 4
  }
  return out
}

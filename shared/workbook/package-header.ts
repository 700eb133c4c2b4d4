/**
 * What both package inspections share — the server's (inspect-package.ts, Node zlib and yauzl) and the upload page's
 * (upload-page/browser/inspect-package-browser.ts, central directory only): the size limits the zip's central
 * directory can tell, and the first bytes that say a file is not a workbook at all. No Node imports: the browser
 * bundle uses it as it is.
 */

/** Limits on the declared part sizes and count; the server adds the limits only parsing can check. */
export const ZIP_LIMITS = {
  maxTotalUncompressed: 8 * 1024 * 1024,
  maxEntryUncompressed: 4 * 1024 * 1024,
  maxRatio: 200,
  maxEntries: 2000,
} as const;

const OLE2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/** Empty, an OLE2 file (an encrypted workbook or an old .xls) or not a zip: the refusal, else null. */
export function refuseByHeader(
  bytes: Uint8Array,
): { ok: false; reason: 'empty' | 'ole2' | 'not-zip'; message: string } | null {
  if (bytes.length === 0) return { ok: false, reason: 'empty', message: '上传的文件是空文件（0 字节）。' };
  if (OLE2.every((b, i) => bytes[i] === b)) {
    return {
      ok: false,
      reason: 'ole2',
      message:
        '文件是加密（设置了打开密码）的工作簿或旧版 .xls 格式。请取消密码并另存为 Excel 工作簿（.xlsx）后重新上传。',
    };
  }
  if (!(bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04)) {
    return {
      ok: false,
      reason: 'not-zip',
      message:
        '文件不是 Excel 工作簿（.xlsx）。请用 Excel 或 WPS 另存为“Excel 工作簿（*.xlsx）”后上传，不要只修改文件扩展名。',
    };
  }
  return null;
}

/** What the central directory tells of one part. */
export interface DeclaredEntry {
  name: string;
  /** The general purpose bit flag (bit 0: encrypted). */
  flags: number;
  compressedSize: number;
  uncompressedSize: number;
}

export type EntryRefusal = { ok: false; reason: 'macro' | 'encrypted-entries' | 'too-large'; message: string };

/**
 * A part that is a macro, encrypted, or declared too large (alone, with the parts before it — `total` includes
 * this one — or at a bomb's compression ratio): the refusal, else null.
 */
export function refuseEntry(
  e: DeclaredEntry,
  total: number,
  limits: { maxEntryUncompressed: number; maxTotalUncompressed: number; maxRatio: number },
): EntryRefusal | null {
  if (/vbaProject\.bin$/i.test(e.name)) {
    return {
      ok: false,
      reason: 'macro',
      message: '工作簿包含宏（VBA），出于安全原因不予处理。请另存为不含宏的 Excel 工作簿（.xlsx）后上传。',
    };
  }
  if ((e.flags & 0x1) !== 0) {
    return {
      ok: false,
      reason: 'encrypted-entries',
      message: '压缩包内容已加密，无法读取。请上传未加密的 .xlsx 文件。',
    };
  }
  const size = e.uncompressedSize;
  const ratio = e.compressedSize > 0 ? size / e.compressedSize : size > 0 ? Number.POSITIVE_INFINITY : 0;
  if (
    size > limits.maxEntryUncompressed ||
    total > limits.maxTotalUncompressed ||
    (size > 1024 * 1024 && ratio > limits.maxRatio)
  ) {
    return {
      ok: false,
      reason: 'too-large',
      message: `工作簿解压后体积异常（${e.name} 声明 ${Math.round(size / 1024 / 1024)} MB，压缩比 ${Number.isFinite(ratio) ? Math.round(ratio) : '∞'}:1），疑似压缩炸弹或超大表格，已拒绝处理。决算报表解压后通常小于 1 MB。`,
    };
  }
  return null;
}

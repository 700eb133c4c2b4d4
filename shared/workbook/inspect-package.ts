import { inflateRawSync } from 'node:zlib';
import yauzl from 'yauzl';

/**
 * Looks inside an upload before exceljs parses it. exceljs inflates every part in memory, so a zip bomb (a 1 MB file
 * declaring gigabytes of XML) would end the process with an uncatchable out-of-memory abort (STACK.md). Reading the
 * zip central directory costs microseconds and lets us refuse such files, encrypted workbooks, old .xls files and
 * macro workbooks with a clear reason instead.
 */

export interface PackageLimits {
  /** Sum of declared uncompressed sizes of all parts. */
  maxTotalUncompressed: number;
  /** Largest declared uncompressed size of one part (one worksheet XML). */
  maxEntryUncompressed: number;
  /** Highest compression ratio tolerated for a part larger than 1 MB (XML compresses ~10–20×). */
  maxRatio: number;
  maxEntries: number;
  /**
   * Largest cell area one merged-cell, data-validation or conditional-format range may cover. exceljs expands such
   * ranges cell by cell while loading, so `<mergeCell ref="A1:XFD1048576"/>` in a 22 KB file needs gigabytes.
   * A 决算 table spans at most ~3,050 rows × 60 columns.
   */
  maxRangeCells: number;
}

/**
 * exceljs holds a parsed workbook at roughly 60–100× its XML size, so these bounds keep a refused-or-parsed upload
 * within the function's memory (a real 决算 workbook is 0.1–1 MB of XML; the largest generated one in the benchmark,
 * 500 项 rows, about 1.5 MB). Measured peaks: test/hostile/memory.test.ts.
 */
export const DEFAULT_PACKAGE_LIMITS: PackageLimits = {
  maxTotalUncompressed: 8 * 1024 * 1024,
  maxEntryUncompressed: 4 * 1024 * 1024,
  maxRatio: 200,
  maxEntries: 2000,
  maxRangeCells: 200_000,
};

export type PackageVerdict =
  | { ok: true }
  | {
      ok: false;
      reason: 'empty' | 'not-zip' | 'ole2' | 'corrupt' | 'not-workbook' | 'too-large' | 'macro' | 'encrypted-entries';
      message: string;
    };

const OLE2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

export async function inspectPackage(
  bytes: Uint8Array,
  limits: PackageLimits = DEFAULT_PACKAGE_LIMITS,
): Promise<PackageVerdict> {
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
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let entries: yauzl.Entry[];
  try {
    entries = await listEntries(buffer, limits.maxEntries);
  } catch (error) {
    const tooMany = error instanceof TooManyEntries;
    return {
      ok: false,
      reason: tooMany ? 'too-large' : 'corrupt',
      message: tooMany
        ? `工作簿内部文件数超过 ${limits.maxEntries} 个，不是正常的决算报表。`
        : '文件已损坏或不完整（压缩包目录无法读取），可能上传时被截断。请重新保存后上传。',
    };
  }
  let total = 0;
  let hasWorkbook = false;
  for (const e of entries) {
    const name = e.fileName;
    if (name === 'xl/workbook.xml') hasWorkbook = true;
    if (/vbaProject\.bin$/i.test(name)) {
      return {
        ok: false,
        reason: 'macro',
        message: '工作簿包含宏（VBA），出于安全原因不予处理。请另存为不含宏的 Excel 工作簿（.xlsx）后上传。',
      };
    }
    if ((e.generalPurposeBitFlag & 0x1) !== 0) {
      return {
        ok: false,
        reason: 'encrypted-entries',
        message: '压缩包内容已加密，无法读取。请上传未加密的 .xlsx 文件。',
      };
    }
    // 0xFFFFFFFF marks a zip64 size; yauzl resolves it, so the real declared size is checked below either way.
    const size = e.uncompressedSize;
    total += size;
    const ratio = e.compressedSize > 0 ? size / e.compressedSize : size > 0 ? Number.POSITIVE_INFINITY : 0;
    if (
      size > limits.maxEntryUncompressed ||
      total > limits.maxTotalUncompressed ||
      (size > 1024 * 1024 && ratio > limits.maxRatio)
    ) {
      return {
        ok: false,
        reason: 'too-large',
        message: `工作簿解压后体积异常（${name} 声明 ${Math.round(size / 1024 / 1024)} MB，压缩比 ${Number.isFinite(ratio) ? Math.round(ratio) : '∞'}:1），疑似压缩炸弹或超大表格，已拒绝处理。决算报表解压后通常小于 1 MB。`,
      };
    }
  }
  if (!hasWorkbook) {
    return {
      ok: false,
      reason: 'not-workbook',
      message: '文件是压缩包，但不是 Excel 工作簿（缺少工作簿内容 xl/workbook.xml）。请上传 .xlsx 格式的决算报表。',
    };
  }
  try {
    verifyEntries(buffer, entries, limits.maxRangeCells);
  } catch (error) {
    if (error instanceof HugeRange) {
      return {
        ok: false,
        reason: 'too-large',
        message: `工作表中的合并单元格或数据验证区域“${error.range}”覆盖约 ${error.cells.toLocaleString('en-US')} 个单元格，远超决算表的范围，已拒绝处理。请删除多余的整行/整列合并或数据验证后重新保存上传。`,
      };
    }
    if (error instanceof LyingSize) {
      return {
        ok: false,
        reason: 'too-large',
        message:
          '工作簿内部文件的实际大小与声明不符（疑似压缩炸弹），已拒绝处理。请用 Excel 或 WPS 重新保存为 .xlsx 后上传。',
      };
    }
    return {
      ok: false,
      reason: 'corrupt',
      message: '文件已损坏或不完整（内容无法解压），可能上传时被截断。请重新保存后上传。',
    };
  }
  return { ok: true };
}

class TooManyEntries extends Error {}

class HugeRange extends Error {
  constructor(
    readonly part: string,
    readonly range: string,
    readonly cells: number,
  ) {
    super(`range ${range} in ${part} covers ${cells} cells`);
  }
}

const RANGE_ATTRIBUTE = /(?:<mergeCell\b[^>]*?\bref|\bsqref)="([^"]{1,4000})"/g;

function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}

/** Cells covered by an A1 range list (`A1:C3 E5`); whole columns/rows (`A:A`, `1:1`) count as full sheet spans. */
export function rangeCells(ref: string): number {
  let total = 0;
  for (const part of ref.trim().split(/\s+/)) {
    const [from, to = from] = part.toUpperCase().split(':') as [string, string?];
    const a = /^\$?([A-Z]{0,3})\$?(\d*)$/.exec(from);
    const b = /^\$?([A-Z]{0,3})\$?(\d*)$/.exec(to ?? from);
    if (!a || !b) continue;
    const c1 = a[1] ? columnNumber(a[1]) : 1;
    const c2 = b[1] ? columnNumber(b[1]) : 16384;
    const r1 = a[2] ? Number(a[2]) : 1;
    const r2 = b[2] ? Number(b[2]) : 1048576;
    total += (Math.abs(c2 - c1) + 1) * (Math.abs(r2 - r1) + 1);
  }
  return total;
}

/** Lists the entries from the zip central directory, reading no data (microseconds). */
function listEntries(buffer: Buffer, maxEntries: number): Promise<yauzl.Entry[]> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(buffer, { lazyEntries: true, validateEntrySizes: true, strictFileNames: false }, (err, zip) => {
      if (err || !zip) {
        reject(err ?? new Error('zip could not be opened'));
        return;
      }
      const entries: yauzl.Entry[] = [];
      zip.on('entry', (entry: yauzl.Entry) => {
        entries.push(entry);
        if (entries.length > maxEntries) {
          zip.close();
          reject(new TooManyEntries());
          return;
        }
        zip.readEntry();
      });
      zip.on('end', () => resolve(entries));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}

class LyingSize extends Error {}

/**
 * Inflates every part once, synchronously and capped at its declared size, so a part that lies about its size (a
 * zip bomb declaring kilobytes) stops at the cap instead of exhausting memory; worksheet parts are also scanned for
 * ranges exceljs would expand cell by cell.
 */
function verifyEntries(buffer: Buffer, entries: readonly yauzl.Entry[], maxRangeCells: number): void {
  for (const entry of entries) {
    if (entry.fileName.endsWith('/')) continue;
    const at = entry.relativeOffsetOfLocalHeader;
    if (at + 30 > buffer.length || buffer.readUInt32LE(at) !== 0x04034b50) throw new Error('bad local header');
    const start = at + 30 + buffer.readUInt16LE(at + 26) + buffer.readUInt16LE(at + 28);
    const end = start + entry.compressedSize;
    if (end > buffer.length) throw new Error('truncated entry');
    const raw = buffer.subarray(start, end);
    let data: Buffer;
    if (entry.compressionMethod === 0) data = raw;
    else if (entry.compressionMethod === 8) {
      try {
        data = inflateRawSync(raw, { maxOutputLength: Math.max(1, entry.uncompressedSize) });
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE') throw new LyingSize();
        throw error;
      }
    } else throw new Error(`compression method ${entry.compressionMethod}`);
    if (data.length !== entry.uncompressedSize) throw new LyingSize();
    if (!/^xl\/worksheets\/[^/]+\.xml$/i.test(entry.fileName)) continue;
    for (const m of data.toString('latin1').matchAll(RANGE_ATTRIBUTE)) {
      const cells = rangeCells(m[1] ?? '');
      if (cells > maxRangeCells) throw new HugeRange(entry.fileName, (m[1] ?? '').slice(0, 60), cells);
    }
  }
}

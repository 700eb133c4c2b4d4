import { inflateRawSync } from 'node:zlib';
import yauzl from 'yauzl';
import { refuseByHeader, refuseEntry, ZIP_LIMITS } from './package-header.ts';
import { PartProblem, partKind, RangeBudget, scanWorkbook, scanWorksheet, sniffUtf16 } from './scan-parts.ts';

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
   * Largest cell area of one merged range, one data-validation range or one defined-name range. exceljs expands such
   * ranges cell by cell while loading, so `<mergeCell ref="A1:XFD1048576"/>` in a 22 KB file needs gigabytes.
   * A 决算 table spans at most ~3,050 rows × 60 columns.
   */
  maxRangeCells: number;
  /** All expanded ranges of the workbook together. */
  maxTotalRangeCells: number;
  /**
   * Merged ranges in the workbook: exceljs compares each merge with every earlier one of its sheet, so N merges cost
   * N²/2 comparisons (20,000 took 40 s). The seed has 100; 5,000 in one sheet load in ~1.5 s.
   */
  maxMerges: number;
}

/**
 * exceljs holds a parsed workbook at roughly 60–100× its XML size, so these bounds keep a refused-or-parsed upload
 * within the function's memory (a real 决算 workbook is 0.1–1 MB of XML; the largest generated one in the benchmark,
 * 500 项 rows, about 1.5 MB). Measured peaks: test/hostile/memory.test.ts.
 */
export const DEFAULT_PACKAGE_LIMITS: PackageLimits = {
  ...ZIP_LIMITS,
  maxRangeCells: 200_000,
  maxTotalRangeCells: 400_000,
  maxMerges: 5_000,
};

export type PackageVerdict =
  | { ok: true }
  | {
      ok: false;
      reason:
        | 'empty'
        | 'not-zip'
        | 'ole2'
        | 'corrupt'
        | 'not-workbook'
        | 'too-large'
        | 'macro'
        | 'encrypted-entries'
        | 'encoding'
        | 'malformed';
      message: string;
    };

export async function inspectPackage(
  bytes: Uint8Array,
  limits: PackageLimits = DEFAULT_PACKAGE_LIMITS,
): Promise<PackageVerdict> {
  const refused = refuseByHeader(bytes);
  if (refused) return refused;
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
    if (partKind(name) === 'workbook') hasWorkbook = true;
    // 0xFFFFFFFF marks a zip64 size; yauzl resolves it, so the real declared size is checked either way.
    total += e.uncompressedSize;
    const refused = refuseEntry(
      { name, flags: e.generalPurposeBitFlag, compressedSize: e.compressedSize, uncompressedSize: e.uncompressedSize },
      total,
      limits,
    );
    if (refused) return refused;
  }
  if (!hasWorkbook) {
    return {
      ok: false,
      reason: 'not-workbook',
      message: '文件是压缩包，但不是 Excel 工作簿（缺少工作簿内容 xl/workbook.xml）。请上传 .xlsx 格式的决算报表。',
    };
  }
  try {
    verifyEntries(buffer, entries, new RangeBudget(limits));
  } catch (error) {
    if (error instanceof PartProblem) return { ok: false, reason: error.reason, message: error.message };
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
 * zip bomb declaring kilobytes) stops at the cap instead of exhausting memory; every part exceljs would parse as a
 * worksheet or as the workbook is then read with an XML parser for ranges exceljs would expand (scan-parts.ts).
 */
function verifyEntries(buffer: Buffer, entries: readonly yauzl.Entry[], budget: RangeBudget): void {
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
    const kind = partKind(entry.fileName);
    if (kind === 'worksheet') scanWorksheet(entry.fileName, data, budget);
    else if (kind === 'workbook') scanWorkbook(entry.fileName, data, budget);
    else if (kind === 'xml') sniffUtf16(entry.fileName, data);
  }
}

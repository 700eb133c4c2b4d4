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
  let entries: yauzl.Entry[];
  try {
    entries = await listEntries(
      Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength),
      limits.maxEntries,
      limits.maxEntryUncompressed,
    );
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
  return { ok: true };
}

class TooManyEntries extends Error {}

/**
 * Lists the entries and inflates each one, discarding the bytes, so an entry whose real size differs from the size
 * it declares (a lying zip bomb) fails here, streaming in bounded memory, before exceljs allocates anything.
 */
function listEntries(buffer: Buffer, maxEntries: number, maxEntryBytes: number): Promise<yauzl.Entry[]> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(buffer, { lazyEntries: true, validateEntrySizes: true, strictFileNames: false }, (err, zip) => {
      if (err || !zip) {
        reject(err ?? new Error('zip could not be opened'));
        return;
      }
      const entries: yauzl.Entry[] = [];
      const fail = (e: unknown) => {
        zip.close();
        reject(e);
      };
      zip.on('entry', (entry: yauzl.Entry) => {
        entries.push(entry);
        if (entries.length > maxEntries) return fail(new TooManyEntries());
        if (entry.uncompressedSize > maxEntryBytes || entry.fileName.endsWith('/')) return zip.readEntry();
        zip.openReadStream(entry, (e, stream) => {
          if (e || !stream) return fail(e ?? new Error('entry unreadable'));
          let seen = 0;
          stream.on('data', (chunk: Buffer) => {
            seen += chunk.length;
            if (seen > maxEntryBytes) {
              stream.destroy();
              fail(new Error('entry larger than declared'));
            }
          });
          stream.on('error', fail);
          stream.on('end', () => zip.readEntry());
        });
      });
      zip.on('end', () => resolve(entries));
      zip.on('error', fail);
      zip.readEntry();
    });
  });
}

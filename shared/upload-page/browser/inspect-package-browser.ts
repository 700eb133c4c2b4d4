/**
 * The browser's stand-in for shared/workbook/inspect-package.ts (which needs Node's zlib and yauzl), swapped in by
 * the upload page's bundle (build-bundle.ts). It reads only the zip central directory — the declared part sizes, no
 * inflation — and refuses what would make exceljs exhaust the tab: an empty file, an old .xls or a password-protected
 * workbook, something that is not a zip, too many parts, a part or a total declared beyond the server's limits, a
 * bomb-like ratio, zip64, macros, encrypted parts. The deeper checks (parsed XML, range sizes, capped inflation) are
 * the server's: the function re-validates every upload in its sandbox, so nothing here decides publication — a file
 * this lets through can at worst slow down the tab of the person who chose it.
 */
import { refuseByHeader, ZIP_LIMITS } from '../../workbook/package-header.ts';

export interface PackageLimits {
  maxTotalUncompressed: number;
  maxEntryUncompressed: number;
  maxRatio: number;
  maxEntries: number;
}

/** The server's limits, as far as the central directory tells them (one definition: package-header.ts). */
export const DEFAULT_PACKAGE_LIMITS: PackageLimits = { ...ZIP_LIMITS };

export type PackageVerdict = { ok: true } | { ok: false; reason: string; message: string };

const CORRUPT = '文件已损坏或不完整（压缩包目录无法读取），可能上传时被截断。请重新保存后上传。';

export async function inspectPackage(
  bytes: Uint8Array,
  limits: PackageLimits = DEFAULT_PACKAGE_LIMITS,
): Promise<PackageVerdict> {
  const refused = refuseByHeader(bytes);
  if (refused) return refused;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // End of central directory: 22 bytes + a comment of at most 65,535 bytes, at the end of the file.
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 65_535); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return { ok: false, reason: 'corrupt', message: CORRUPT };
  const count = view.getUint16(eocd + 10, true);
  const offset = view.getUint32(eocd + 16, true);
  if (count === 0xffff || offset === 0xffffffff) {
    return { ok: false, reason: 'too-large', message: '工作簿使用了 zip64 大文件格式，不是正常的决算报表。' };
  }
  if (count > limits.maxEntries) {
    return {
      ok: false,
      reason: 'too-large',
      message: `工作簿内部文件数超过 ${limits.maxEntries} 个，不是正常的决算报表。`,
    };
  }
  const decoder = new TextDecoder();
  let p = offset;
  let total = 0;
  for (let n = 0; n < count; n++) {
    if (p + 46 > bytes.length || view.getUint32(p, true) !== 0x02014b50) {
      return { ok: false, reason: 'corrupt', message: CORRUPT };
    }
    const flags = view.getUint16(p + 8, true);
    const compressed = view.getUint32(p + 20, true);
    const size = view.getUint32(p + 24, true);
    const nameLength = view.getUint16(p + 28, true);
    const next = p + 46 + nameLength + view.getUint16(p + 30, true) + view.getUint16(p + 32, true);
    if (next > bytes.length) return { ok: false, reason: 'corrupt', message: CORRUPT };
    const name = decoder.decode(bytes.subarray(p + 46, p + 46 + nameLength));
    if (/vbaProject\.bin$/i.test(name)) {
      return {
        ok: false,
        reason: 'macro',
        message: '工作簿包含宏（VBA），出于安全原因不予处理。请另存为不含宏的 Excel 工作簿（.xlsx）后上传。',
      };
    }
    if ((flags & 0x1) !== 0) {
      return {
        ok: false,
        reason: 'encrypted-entries',
        message: '压缩包内容已加密，无法读取。请上传未加密的 .xlsx 文件。',
      };
    }
    total += size;
    const ratio = compressed > 0 ? size / compressed : size > 0 ? Number.POSITIVE_INFINITY : 0;
    if (
      size === 0xffffffff ||
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
    p = next;
  }
  return { ok: true };
}

/**
 * The browser's stand-in for shared/workbook/inspect-package.ts (which needs Node's zlib and yauzl), swapped in by
 * the upload page's bundle (build-bundle.ts). It reads only the zip central directory — the declared part sizes, no
 * inflation — and refuses what would make exceljs exhaust the tab: an empty file, an old .xls or a password-protected
 * workbook, something that is not a zip, too many parts, a part or a total declared beyond the server's limits, a
 * bomb-like ratio, zip64, macros, encrypted parts. The deeper checks (parsed XML, range sizes, capped inflation) are
 * the server's: the function re-validates every upload in its sandbox, so nothing here decides publication — a file
 * this lets through can at worst slow down the tab of the person who chose it.
 */
import { refuseByHeader, refuseEntry, ZIP_LIMITS } from '../../workbook/package-header.ts';

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
    total += size;
    // 0xFFFFFFFF marks a zip64 size, which only the extra field resolves; it is far over the part limit, so refused.
    const refused = refuseEntry({ name, flags, compressedSize: compressed, uncompressedSize: size }, total, limits);
    if (refused) return refused;
    p = next;
  }
  return { ok: true };
}

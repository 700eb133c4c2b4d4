/**
 * The upload contract: `uploads/{unitCode}/{year}/{any-name}.xlsx`. Everything else is refused with a reason.
 */
export const UPLOAD_PREFIX = 'uploads/';
export const REPORT_PREFIX = 'reports/';
export const UNIT_CODE = /^[A-Za-z0-9_-]{1,32}$/;

export type ParsedKey =
  | { ok: true; unitCode: string; year: number; fileName: string }
  | { ok: false; unitCode: string | null; year: number | null; reason: string };

/**
 * S3 event keys are URL-encoded the way HTML forms are (space as `+`, other bytes as %XX). AWS documents decoding
 * them with `decodeURIComponent(key.replace(/\+/g, ' '))`; a malformed escape yields null instead of throwing.
 */
export function decodeEventKey(raw: string): string | null {
  try {
    return decodeURIComponent(raw.replace(/\+/g, ' '));
  } catch {
    return null;
  }
}

/** Inverse of {@link decodeEventKey}: how real S3 puts a key in an event (used by the embedded stack). */
export function encodeEventKey(key: string): string {
  return encodeURIComponent(key)
    .replace(/%20/g, '+')
    .replace(/%2F/g, '/')
    .replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

export function parseUploadKey(key: string): ParsedKey {
  const parts = key.split('/');
  const unitCode = parts[1] && UNIT_CODE.test(parts[1]) ? parts[1] : null;
  const yearText = parts[2] ?? '';
  const year = /^\d{4}$/.test(yearText) ? Number(yearText) : null;
  const fail = (reason: string): ParsedKey => ({ ok: false, unitCode, year, reason });
  if (!key.startsWith(UPLOAD_PREFIX)) return fail(`文件不在 ${UPLOAD_PREFIX} 目录下。`);
  if (parts.length !== 4 || parts.some((p) => p === '' || p === '.' || p === '..')) {
    return fail(`文件路径应为 uploads/单位编码/年度/文件名.xlsx，收到“${key.slice(0, 200)}”。`);
  }
  if (unitCode === null)
    return fail(`单位编码“${(parts[1] ?? '').slice(0, 40)}”无效：应为 1–32 位字母、数字、下划线或连字符。`);
  if (year === null || year < 2000 || year > 2100)
    return fail(`年度“${yearText.slice(0, 10)}”无效：应为四位年度，例如 2023。`);
  const fileName = parts[3] ?? '';
  if (!/\.xlsx$/i.test(fileName)) return fail(`只接受 Excel 工作簿（.xlsx）文件，收到“${fileName.slice(0, 100)}”。`);
  return { ok: true, unitCode, year, fileName };
}

import type { RuleDefinition } from './engine.ts';

/** Rules of the upload contract, enforced by the ingest use case before the workbook is read. */
export const UPLOAD_RULES: readonly RuleDefinition[] = [
  {
    id: 'K-01',
    family: 'file',
    tables: [],
    severity: 'error',
    title: '上传路径符合 uploads/单位编码/年度/文件名.xlsx，且只接受 .xlsx 文件',
  },
  {
    id: 'K-02',
    family: 'file',
    tables: [],
    severity: 'error',
    title: '上传路径中的单位编码已登记（由管理员登记单位）',
  },
  {
    id: 'K-03',
    family: 'file',
    tables: [],
    severity: 'error',
    title: '文件大小不超过上限（默认 10 MB）',
  },
  {
    id: 'K-04',
    family: 'file',
    tables: [],
    severity: 'error',
    title: '上传在限定的重试次数内处理完成（否则记为处理失败并告知单位，原始事件留在失败队列供管理员重放）',
  },
];

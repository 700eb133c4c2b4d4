import { DISCLOSURE_KIND_LABEL, type Disclosure, type DisclosureKind } from './model.ts';

/**
 * The words a publication uses for itself, by kind: a 部门决算 (a 主管部门 with its subordinate units) says 部门概况,
 * 部门决算表, 本部门; a 单位决算 says 单位概况, 单位决算表, 本单位. Unknown kind: 单位决算 (the seed's kind).
 */
export interface KindWords {
  kind: DisclosureKind;
  /** 部门决算 / 单位决算. */
  label: string;
  /** 部门 / 单位. */
  subject: '部门' | '单位';
  /** 本部门 / 本单位. */
  self: '本部门' | '本单位';
}

export function kindOf(d: Pick<Disclosure, 'kind'> | null | undefined): DisclosureKind {
  return d?.kind ?? 'unit';
}

export function kindWords(kind: DisclosureKind | null | undefined): KindWords {
  const k = kind ?? 'unit';
  const subject = k === 'department' ? '部门' : '单位';
  return { kind: k, label: DISCLOSURE_KIND_LABEL[k], subject, self: `本${subject}` };
}

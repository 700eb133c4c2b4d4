/**
 * What a unit supplies beside the nine tables (sheets 单位概况, 补充信息, 重点工作, 绩效自评 of the template):
 * the text and figures the tables cannot hold. Filled in by the supplement reader (issue 4).
 */
// biome-ignore lint/complexity/noBannedTypes: placeholder until the supplement reader defines the fields
export type Supplement = {};

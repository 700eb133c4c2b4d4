/**
 * The single DynamoDB table (partition key `pk`, sort key `sk`, both strings; no index). Every access pattern is a
 * GetItem or a Query on one partition, so the cost of an upload does not grow with the number of published units.
 * A version item larger than DynamoDB's 400 KB item limit is stored as parts (see dynamo-store.ts).
 *
 * | item                      | pk                          | sk                       |
 * |---------------------------|-----------------------------|--------------------------|
 * | registered unit           | `REGISTRY`                  | `UNIT#{code}`            |
 * | submission (history)      | `UY#{code}#{year}`          | `SUB#{uploadId}`         |
 * | version: one table        | `UY#{code}#{year}`          | `V#{version}#T#{T1…T9}`  |
 * | version: meta             | `UY#{code}#{year}`          | `V#{version}#META`       |
 * | part of a version item    | `UY#{code}#{year}`          | `{item sk}#P#{0000…}`    |
 * | current pointer           | `UY#{code}#{year}`          | `CURRENT`                |
 * | publication lease         | `UY#{code}#{year}`          | `LEASE`                  |
 * | catalog: unit in dept-year| `DEPT#{year}#{slug}`        | `UNIT#{code}`            |
 * | (legacy revision token)   | `DEPT#{year}#{slug}`        | `~REV`                   |
 * | dept-year index state     | `IDX#{year}#{slug}`         | `STATE`                  |
 * | year index state          | `IDX#{year}`                | `STATE`                  |
 * | catalog: unit's years     | `UNITPUB#{code}`            | `YEAR#{year}`            |
 * | department summary        | `YEAR#{year}`               | `DEPT#{slug}`            |
 * | year summary              | `YEARS`                     | `YEAR#{year}`            |
 *
 * `{slug}` is the department code (legacy: a hash of the name). Index state items hold a change counter (atomic ADD
 * by publications) and what the last rebuild covered; they live in their own partitions so listings stay clean.
 */
export const TABLE_KEYS = { partitionKey: 'pk', sortKey: 'sk' } as const;

export const keys = {
  registry: () => 'REGISTRY',
  unit: (code: string) => `UNIT#${code}`,
  unitYear: (code: string, year: number) => `UY#${code}#${year}`,
  submission: (uploadId: string) => `SUB#${uploadId}`,
  versionTable: (version: string, table: string) => `V#${version}#T#${table}`,
  versionMeta: (version: string) => `V#${version}#META`,
  versionPrefix: (version: string) => `V#${version}#`,
  current: () => 'CURRENT',
  /** The unit-year's publication lease (one writer of its files at a time) and its last verified write. */
  publishLease: () => 'LEASE',
  departmentYear: (year: number, slug: string) => `DEPT#${year}#${slug}`,
  /** Revision token of a department-year listing (written by earlier releases; skipped when listing). */
  revision: () => '~REV',
  departmentIndex: (year: number, slug: string) => `IDX#${year}#${slug}`,
  yearIndex: (year: number) => `IDX#${year}`,
  indexState: () => 'STATE',
  unitPublications: (code: string) => `UNITPUB#${code}`,
  year: (year: number) => `YEAR#${year}`,
  yearPartition: (year: number) => `YEAR#${year}`,
  department: (slug: string) => `DEPT#${slug}`,
  years: () => 'YEARS',
} as const;

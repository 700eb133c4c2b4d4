import { parseArgs } from 'node:util';
import { assertValidUnitCode, UNIT_TAG, unitUploadPolicyDocument } from '../../infra/unit-policy-document.ts';
import { DISCLOSURE_KIND_LABEL, type DisclosureKind } from '../../shared/disclosure/model.ts';
import { UNIT_CODE } from '../../shared/ingest/upload-key.ts';
import { DEPARTMENT_CODE } from '../../shared/site/paths.ts';
import { DynamoUnitRegistry } from '../../shared/storage/dynamo-store.ts';
import { inertJson, inertText } from '../../shared/text/terminal.ts';
import { resolveTarget, TargetError } from '../stack-target.ts';
import { migrateDepartmentsCommand } from './migrate-departments.ts';
import { addUnitAccount, resetUnitPassword } from './unit-accounts.ts';

/** `--kind`: 部门 / 部门决算 / department, 单位 / 单位决算 / unit; undefined when it is none of them. */
export function parseKind(text: string): DisclosureKind | undefined {
  const t = text.trim().toLowerCase();
  if (t === '部门' || t === '部门决算' || t === 'department') return 'department';
  if (t === '单位' || t === '单位决算' || t === 'unit') return 'unit';
  return undefined;
}

/**
 * `units add|list|remove|policy|reset-password`: the unit registry admins manage (DynamoDB), and with `--email` the
 * unit's account in the user pool of the upload page (cli/commands/unit-accounts.ts).
 */
export async function runUnits(args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  const { values } = parseArgs({
    args: rest,
    options: {
      code: { type: 'string' },
      name: { type: 'string' },
      department: { type: 'string' },
      'department-code': { type: 'string' },
      map: { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
      'site-bucket': { type: 'string' },
      alias: { type: 'string', multiple: true },
      kind: { type: 'string' },
      email: { type: 'string' },
      'user-pool': { type: 'string' },
      json: { type: 'boolean', default: false },
      bucket: { type: 'string' },
      table: { type: 'string' },
      region: { type: 'string' },
    },
  });
  const fail = (message: string) => {
    process.stderr.write(`${message}\n`);
    return 2;
  };
  if (sub === 'policy') {
    // Pure: prints the one attribute-based policy of every unit (the same document the Access stack deploys); the
    // unit is named by its identity's gongkai-unit principal tag. With --code: how to tag that unit, on stderr.
    if (!values.bucket) return fail('用法：units policy --bucket UPLOAD_BUCKET [--code CODE]');
    try {
      if (values.code !== undefined) assertValidUnitCode(values.code);
      process.stdout.write(`${JSON.stringify(unitUploadPolicyDocument(values.bucket), null, 2)}\n`);
      if (values.code !== undefined) {
        process.stderr.write(
          `单位 ${values.code}：为其身份加上主体标签 ${UNIT_TAG}=${values.code}（IAM Identity Center / SAML 属性 https://aws.amazon.com/SAML/Attributes/PrincipalTag:${UNIT_TAG}，Cognito 身份池的主体标签映射，或 IAM 用户/角色标签），并附加上述策略（部署后即 gongkai-<stage>-unit-upload）。\n`,
        );
      }
      return 0;
    } catch (error) {
      return fail((error as Error).message);
    }
  }
  const accountOptions = {
    userPool: values['user-pool'],
    deployed: Boolean(values.table ?? process.env.GONGKAI_TABLE),
  };
  if (sub === 'reset-password') return resetUnitPassword(values.email, accountOptions);
  let registry: DynamoUnitRegistry;
  try {
    const target = resolveTarget({ table: values.table, region: values.region });
    if (!target.tableName) return fail('请用 --table 或 GONGKAI_TABLE 指定 DynamoDB 表名。');
    registry = new DynamoUnitRegistry(target.tableName);
  } catch (error) {
    if (error instanceof TargetError) return fail(error.message);
    throw error;
  }
  switch (sub) {
    case 'add': {
      if (!values.code || !values.name || !values['department-code'])
        return fail(
          '用法：units add --code CODE --name 名称 --department-code 主管部门编码 [--department 主管部门名称] [--kind 部门|单位] [--email 邮箱]',
        );
      if (!UNIT_CODE.test(values.code))
        return fail(`单位编码“${values.code}”无效：应为 1–32 位字母、数字、下划线或连字符。`);
      // The department's identity and page address; its name is a label (two cities' 教育局 stay apart).
      if (!DEPARTMENT_CODE.test(values['department-code']))
        return fail(
          `主管部门编码“${values['department-code']}”无效：应为 1–40 位字母、数字、下划线、连字符或点（例如 区划代码-部门编码 420100-012）。`,
        );
      const kind = values.kind === undefined ? null : parseKind(values.kind);
      if (kind === undefined) return fail(`--kind “${values.kind}”无效：应为 部门（部门决算）或 单位（单位决算）。`);
      await registry.put({
        code: values.code,
        name: values.name.trim(),
        department: values.department?.trim() || null,
        departmentCode: values['department-code'],
        aliases: values.alias ?? [],
        ...(kind ? { kind } : {}),
      });
      process.stdout.write(
        `${inertText(`已登记单位 ${values.code} ${values.name}${kind ? `（${DISCLOSURE_KIND_LABEL[kind]}）` : ''}`)}\n`,
      );
      return values.email ? addUnitAccount(values.code, values.email, accountOptions) : 0;
    }
    case 'list': {
      const units = (await registry.list()).sort((a, b) => a.code.localeCompare(b.code));
      if (values.json) {
        process.stdout.write(
          `${inertJson(
            units.map(({ code, name, department, departmentCode, kind }) => ({
              code,
              name,
              department,
              departmentCode: departmentCode ?? null,
              ...(kind ? { kind } : {}),
            })),
          )}\n`,
        );
      } else if (units.length === 0) {
        process.stdout.write('尚未登记任何单位。\n');
      } else {
        for (const u of units) {
          const kind = u.kind ? DISCLOSURE_KIND_LABEL[u.kind] : '';
          // Names are typed by administrators but shown to others: each field without control characters.
          const fields = [u.code, u.name, u.department ?? '', u.departmentCode ?? '（无编码）', kind].map(inertText);
          process.stdout.write(`${fields.join('\t')}\n`);
        }
      }
      return 0;
    }
    case 'remove': {
      if (!values.code) return fail('用法：units remove --code CODE');
      const removed = await registry.remove(values.code);
      process.stdout.write(
        removed ? `已删除单位 ${values.code}（已发布的公开内容保留）\n` : `没有编码为 ${values.code} 的单位\n`,
      );
      return removed ? 0 : 1;
    }
    case 'migrate-departments':
      return migrateDepartmentsCommand(values, registry, fail);
    default:
      return fail('用法：units add|list|remove|policy|reset-password|migrate-departments …');
  }
}

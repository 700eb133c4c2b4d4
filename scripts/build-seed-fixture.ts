/**
 * Builds test/fixtures/seed-2023-full.xlsx: the seed's nine tables (../shared/fixtures/seed-2023-wuhan-info-center.xlsx,
 * unchanged) plus the supplementary sheets filled in from the seed's published text (概况, 年初预算 by 项, last
 * year's totals, reasons, 政府采购, 国有资产, three 绩效自评 tables, 重点工作), word for word where the seed has the
 * text. Every deliberate deviation from the seed is listed in test/fixtures/README.md (e.g. the 批复日期, which the
 * seed does not state: 2024-09-25, so the seed's publication on 2024-10-12 falls within the 20-day rule);
 * test/scripts/seed-fixture-fidelity.test.ts checks the texts against the seed.
 *
 *   npx tsx scripts/build-seed-fixture.ts
 */
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { emptySupplement, type Indicator, type SelfEvaluation, type Supplement } from '../shared/supplement/model.ts';
import { writeSupplementSheets } from '../shared/supplement/write-supplement-sheets.ts';

const SOURCE = fileURLToPath(new URL('../../shared/fixtures/seed-2023-wuhan-info-center.xlsx', import.meta.url));
const TARGET = fileURLToPath(new URL('../test/fixtures/seed-2023-full.xlsx', import.meta.url));

const UNIT = '武汉市财政局信息中心';
const REASON = '进一步压减支出';
const IMPROVE =
  '应用自评结果及经验，紧抓绩效管理工作，加强自身队伍业务和技术能力提高，强化财政网络安全建设和管理，提升财政信息化工作效能和质量。';

/**
 * One indicator row as the seed's 自评表 prints it: `[一级, 二级, 三级 with its weight “（8分）”, 年度指标值, 实际完成值,
 * 得分]`. The 分值 column stays empty (the seed has none; the reader takes the weight from the name).
 */
type Row = [string, string, string, string, string, string];

function indicators(rows: Row[]): Indicator[] {
  return rows.map(([level1, level2, name, target, actual, score], i) => ({
    level1,
    level2,
    name,
    weight: null,
    target,
    actual,
    score,
    row: i,
  }));
}

function evaluation(
  projectName: string,
  amount: string,
  rows: Row[],
  summary: string,
  deviation: string | null,
  improvement: string,
): SelfEvaluation {
  return {
    projectName,
    department: '武汉市财政局',
    implementer: UNIT,
    // The seed ticks a box among 1、部门预算项目 2、市直专项 3、市对下转移支付项目: the ticked option is kept.
    category: '部门预算项目',
    attribute: '持续性项目',
    projectType: '常年性项目',
    budget: amount,
    actual: amount,
    rate: '100.00',
    rateScore: '20.00',
    indicators: indicators(rows),
    totalScore: '100.00',
    deviation,
    improvement,
    summary,
    sheet: '绩效自评',
    row: 0,
  };
}

const SATISFACTION: Row = [
  '满意度指标',
  '服务对象满意度指标',
  '业务系统管理处室（单位）满意度（15分）',
  '≥90%',
  '≥95%',
  '15.00',
];

/** The three 项目自评表 of 第六部分 and their 自评综述 of 十三(三), as the seed prints them. */
const EVALUATIONS: SelfEvaluation[] = [
  evaluation(
    '信息中心业务工作经费',
    '43.72',
    [
      ['成本指标', '经济成本指标', '年度维护成本增长率（8分）', '≤8%', '≤8%', '8'],
      ['产出指标', '数量指标', '运行维护设备数量（10分）', '1套', '1套', '10.00'],
      ['产出指标', '质量指标', '机房运行正常率（12分）', '≥99.5%', '100%', '12.00'],
      ['产出指标', '时效指标', '故障响应时间（10分）', '≤30分钟', '≤30分钟', '10.00'],
      ['效益指标', '社会效益指标', '发布公开信息（15分）', '≥200条', '982条', '15.00'],
      ['效益指标', '可持续影响指标', '设备正常使用年限（10分）', '≥5年', '≥5年', '10.00'],
      SATISFACTION,
    ],
    '主要产出和效益是：主要产出和效果：一是完成门户网站及网络的全年维护工作，运行维护成本与上年基本持平；二是保障门户网站、网络正常运转天数达全年的99.5%以上，故障响应时间小于30分钟；三是部门预算、部门决算准时在门户网站公开，政务公开社会影响力有所提升，全年公开信息982条；五是相关设备运行稳定，且累计运行时间大于5年，90%以上的业务系统的管理处室(单位)对门户网站、网络等系统的稳定运行给予肯定和满意的评价。',
    null,
    IMPROVE,
  ),
  evaluation(
    '信息中心信息化运行维护',
    '52.78',
    [
      ['成本指标', '经济成本指标', '年度维护成本增长率（10分）', '≤8%', '≤8%', '10'],
      ['产出指标', '数量指标', '维护设备及系统数量（18分）', '6套', '6套', '18.00'],
      ['产出指标', '质量指标', '机房运行正常率（12分）', '≥99.5%', '100%', '12.00'],
      ['产出指标', '时效指标', '故障响应时间（10分）', '≤30分钟', '≤30分钟', '10.00'],
      ['效益指标', '可持续影响指标', '核心设备正常使用（15分）', '≥5年', '≥5年', '15.00'],
      SATISFACTION,
    ],
    '主要产出和效益是：一是完成信息安全、专用网络、终端和服务器的软硬件、机房空调和电力等6套系统及设备的维护，运行维护成本与上年基本持平；二是保障正常运转天数达全年的99.5%以上，故障响应时间小于30分钟；三是核心设备运行稳定，且累计运行时间大于5年；四是90%以上的业务系统的管理处室(单位)对机房设备系统的稳定运行给予肯定和满意的评价。',
    null,
    IMPROVE,
  ),
  evaluation(
    '信息中心机房、网络、系统运行维护费',
    '37.46',
    [
      ['成本指标', '经济成本指标', '年度维护成本增长率（8分）', '≤8%', '≤8%', '8'],
      ['产出指标', '数量指标', '维护设备及系统数量（16分）', '2套', '2套', '16.00'],
      ['产出指标', '质量指标', '机房运行正常率（15分）', '≥99.5%', '100%', '15.00'],
      ['产出指标', '时效指标', '故障响应时间（12分）', '≤30分钟', '≤30分钟', '12.00'],
      ['效益指标', '可持续影响指标', '核心设备正常使用（14分）', '≥5年', '≥5年', '14.00'],
      SATISFACTION,
    ],
    '主要产出和效益是：一是继续完成网络安全及软件等2套系统及设备的维护，运行维护成本与上年基本持平；二是保障正常运转天数达全年的99.5%以上，故障响应时间小于30分钟；三是核心设备运行稳定，且累计运行时间大于5年；四是90%以上的业务系统的管理处室(单位)对机房设备系统的稳定运行给予肯定和满意的评价。',
    '该项目为上年结转，维护设备及系统数量主要涉及两套设备合同尾款支付，其他年初目标值均为2022年信息中心机房、网络、系统运行维护费目标值。',
    '应用自评结果及经验，紧抓绩效管理工作，加强自身队伍业务和技术能力提高，提升财政网络安全管理水平，确保财政信息化工作效能和质量。',
  ),
];

/** 第四部分 重点工作完成情况: the seed's five sections and its table, word for word (its slips included). */
const KEY_WORK: Supplement['keyWork'] = {
  sections: [
    {
      title: '一、构建安全立体防范体系',
      text: '一是强化日常监控。及时对安全设备进行固件升级和防护规则更新，监控我局网站运行情况，进行数据备份，利用防火墙及时调整安全策略，定期扫描并修复漏洞。二是主动开展自查防护。开展全局计算机终端设备的安全保密检查工作。三是强化安全保密意识。在全局开展全员安全保密培训，切实提升全局干部的安全保密意识。',
    },
    {
      title: '二、大力推进预算管理一体化系统实施',
      text: '一是积极落实一体化系统实施工作。积极参与、协调一体化系统建设专班工作，根据系统建设的总体要求和工作部署，明确下一步工作方向，加强统筹调度，切实将预算管理一体化系统建设工作落到实处。二是积极落实一体化系统数据回流工作。组织调研、专题研讨和技术选型，认真研究分析和探索解决数据回流各个环节的重点难点，落实回流方式和技术规范，完成了本地国产数据库安装调试和数据接收存储等维护工作。三是加强对区级财政一体化建设的支持与指导。按照“全省一盘棋”的理念，加强对各区财政局网络调整优化的技术支撑。',
    },
    {
      title: '三、强化信息公开',
      text: '一是落实网站管理规章制度。组织完成政府网站及新媒体指标年度考评工作。二是调整网站的功能和栏目，加强信息内容发布。三是严密监控。制定网站舆情监控值班表，督促网站责任单位落实24小时值班备勤制度，全力筑牢春节、五一、国庆、等重大节假日期间网站安全防线。',
    },
    {
      title: '四、夯实机房管理',
      text: '一是落实机房日常运行和节假日安全管理相关规定。制定春节、十一等节假日期间中心机房安全值班表，认真做好节前各系统软硬件设施、空调及UPS核心设备、消防安全设施的全面检查。二是机房UPS电源设备等运行维护，保障机房设备、信息系统安全稳定。',
    },
    {
      title: '五、推进信息化管理，努力提高信息服务水平',
      text: '一是着力做好信息化项目建设管理。梳理现有软件系统运转情况，完成信息化项目自评估报告和测评工作。加强协调市信息化主管部门，组织完成局信息化运维实施项目备案申报工作。二是强化办公信息化系统建设和推广运用。积极推动财政专网即时通“信源豆豆”推广和使用，组织研讨电子公文集约化平台深化运用，完成局OA系统历史数据整理归档迁移工作。三是持续做好OA系统等日常运维服务。根据财政工作、处室(单位)和人员动态，及时调整各信息系统人员信息，审计配置阅文权限，修改内网督办任务来源等，及时处置内网办公平台与OA系统关联问题，完成内网OA查询模块、信息报送平台的功能优化工作。',
    },
  ],
  rows: [
    {
      seq: '1',
      matter: '构建安全立体防范体系',
      goal: '一是强化日常监控二是调整网站的功能和栏目，加强信息内容发布。三是严密监控。',
      result:
        '一是落实网站管理规章制度。组织完成政府网站及新媒体指标年度考核工作。二是调整网站的功能和栏目，加强信息内容发布。三是严密监控。制定网站舆情监控值班表，督促网站责任单位落实24小时值班备勤制度，全力筑牢春节、五一、国庆、等重大节假日期间网站安全防线。',
    },
    {
      seq: '2',
      matter: '大力推进预算管理一体化系统实施',
      goal: '一是积极落实一体化系统实施工作。二是积极开展一体化系统数据回流试点工作。三是加强对区级财政一体化建设的支持与指导。',
      result:
        '一是积极落实一体化系统实施工作。积极参与、协调一体化系统建设专班工作，根据系统建设的总体要求和工作部署，明确下一步工作方向，加强统筹调度，切实将预算管理一体化系统建设工作落到实处。二是积极落实一体化系统数据回流工作。组织调研、专题研讨和技术选型，认真研究分析和探索解决数据回流各个环节的重点难点，落实回流方式和技术规范，完成了本地国产数据库安装调试和数据接收存储等维护工作。三是加强对区级财政一体化建设的支持与指导。按照“全省一盘棋”的理念，加强对各区财政局网络调整优化的技术支撑。',
    },
    {
      seq: '3',
      matter: '强化信息公开',
      goal: '一是落实网站管理规章制度。二是调整网站的功能和栏目，加强信息内容发布。三是严密监控。',
      result:
        '一是落实网站管理规章制度。组织完成政府网站及新媒体指标年度考核工作。二是调整网站的功能和栏目，加强信息内容发布。三是严密监控。制定网站舆情监控值班表，督促网站责任单位落实24小时值班备勤制度，全力筑牢春节、五一、国庆、等重大节假日期间网站安全防线。',
    },
    {
      seq: '4',
      matter: '夯实机房管理',
      goal: '一是落实机房日常运行和节假日安全管理相关规定。二是机房UPS电源设备等的运行维护。',
      result:
        '一是落实机房日常运行和节假日安全管理相关规定。制定春节、十一等节假日期间中心机房安全值班表，认真做好节前各系统软硬件设施、空调及UPS核心设备、消防安全设施的全面检查。二是机房UPS电源设备等的运行维护。保障机房设备、信息系统安全稳定，设备科制定详细的工作方案，并提前做好各项准备协调工作，开展电池更换改造。',
    },
    {
      seq: '5',
      matter: '推进信息化管理，努力提高信息服务水平',
      goal: '一是着力做好信息化项目建设管理。二是强化办公信息化系统建设和推广运用。三是持续做好OA系统等日常运维服务。',
      result:
        '一是着力做好信息化项目建设管理。梳理现有软件系统运转情况，完成信息化项目自评估报告和测评工作。加强协调市信息化主管部门，组织完成局信息化运维实施项目备案申报工作。二是强化办公信息化系统建设和推广运用。积极推动财政专网即时通“信源豆豆”推广和使用，组织研讨电子公文集约化平台深化运用，完成局OA系统历史数据整理归档迁移工作。三是持续做好OA系统等日常运维服务。根据财政工作、处室(单位)和人员动态，及时调整各信息系统人员信息，审计配置阅文权限，修改内网督办任务来源等，及时处置内网办公平台与OA系统关联问题，完成内网OA查询模块、信息报送平台的功能优化工作。',
    },
  ],
};

function seedSupplement(): Supplement {
  const s = emptySupplement();
  s.profile = {
    duties:
      '武汉市财政局信息中心主要职能是参与制定全市财政信息化建设发展规划以及市本级财政信息化建设管理制度、技术操作规范，为全市财政系统信息化建设提供技术指导；负责落实全市财政系统广域网、局机关局域网的建设和管理，以及网络系统相关的安全保密工作；会同业务单位组织开展全市财政业务应用的建设和管理；承担财政系统应用软件和财政业务应用系统的推广培训和技术服务。',
    organization: '武汉市财政局信息中心无下属决算单位，2023年单位决算由纳入独立核算的单位本级决算组成。',
    approvalDate: '2024-09-25',
  };
  // 2022: 收支总计 = 635.55 + 45.24 (the seed: “收、支总计各减少45.24万元”), all of it 一般公共预算 (四, 五).
  s.previousYear = {
    ...s.previousYear,
    totalIncome: '680.79',
    totalExpenditure: '680.79',
    fiscalTotal: '680.79',
    generalBudgetIncome: '680.79',
    generalBudgetExpenditure: '680.79',
    threePublic: '0',
    outbound: '0',
    vehicles: '0',
    reception: '0',
    operatingCost: '0',
  };
  s.reasons = {
    totals: REASON,
    fiscalTotals: REASON,
    generalBudgetIncome: REASON,
    generalBudgetExpenditure: REASON,
  };
  s.projectUse =
    '信息中心机房、网络、系统运行维护费，主要保障中心机房网络、服务器、空调、电源等及相关系统的日常正常运行维护与推进信息化建设';
  s.budgets = [
    { code: '2010699', name: '其他财政事务支出', budget: '511.79', reason: REASON },
    { code: '2080502', name: '事业单位离退休', budget: '63', reason: '单位离退休经费未清算' },
    { code: '2080505', name: '机关事业单位基本养老保险缴费支出', budget: '48.4', reason: null },
    { code: '2101102', name: '事业单位医疗', budget: '66', reason: REASON },
    { code: '2210201', name: '住房公积金', budget: '44', reason: REASON },
    { code: '2210202', name: '提租补贴', budget: '7.66', reason: null },
    { code: '2210203', name: '购房补贴', budget: '18.23', reason: REASON },
  ];
  s.threePublic = {
    outboundGroups: 0,
    outboundPeople: 0,
    vehiclesPurchased: 0,
    vehiclesHeld: 0,
    receptionBatches: 0,
    receptionPeople: 0,
  };
  s.operatingCost = '0';
  s.procurement = { total: '17.92', goods: '17.92', works: '0', services: '0', sme: '17.92', smallMicro: '17.92' };
  s.assets = { vehicles: 0, vehicleKinds: [], equipment: 0, note: null };
  s.performance = {
    overview:
      '根据预算绩效管理要求，我单位组织对2023年度一般公共预算项目支出全面开展绩效自评，共涉及二级项目3个，资金133.96万元，占一般公共预算项目支出总额的100%。从绩效评价情况来看，本次绩效评价遵循“科学规范，分级分类，绩效相关”的原则，运用科学、合理的绩效评价指标、评价标准和评价方法，对二级项目支出全面开展了绩效自评工作。',
    overallScore: '100',
    overallGrade: '优',
    overallText:
      '我单位组织对1个单位开展整体支出绩效自评，资金133.96万元，从评价情况来看，2023年整体绩效自评得分100分，较好的完成了当年绩效目标。根据财政支出绩效评价等级标准评定对照表，评价等级为“优”。',
    application:
      '我单位应用上年度自评结果及经验，紧抓绩效管理工作，加强制定绩效管理目标体系和考核办法，加强项目规划、绩效目标管理，完善项目分配和管理办法、与预算安排相结合，提出工作要求，加大督办力度。',
    improvements:
      '一是继续强化资金监管，充分发挥项目的社会效益；二是加强项目后期管理，完善相关制度和措施，充分调动主观能动性，保证项目可持续发展；三是加强对信息化人才引入和加强现有人员专业技能培训，努力提高本单位信息技术力量，进一步减少日常系统维护成本。',
    evaluations: EVALUATIONS,
  };
  s.keyWork = KEY_WORK;
  return s;
}

async function main(): Promise<void> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await readFile(SOURCE)) as never);
  writeSupplementSheets(wb, seedSupplement(), 2023);
  const out = await wb.xlsx.writeBuffer();
  await writeFile(TARGET, Buffer.from(out as ArrayBuffer));
  process.stdout.write(`wrote ${TARGET} (${(out as ArrayBuffer).byteLength} bytes)\n`);
}

await main();

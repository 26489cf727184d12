/**
 * Generated weekly reports in the dialect, for the benchmark: one week of about 7 KB with
 * realistic variety (key-work projects with nested lists and prose, metrics, OKR sections with
 * progress and plan dates, incidents with timestamps, reflections, next week's goals, and a few
 * irregularities: missing 【】, full-width colons, a stray blank line, "暂无"), a multi-week
 * document of a target size (newest week first, as a team's yearly file), and a workspace of
 * weekly files. Deterministic: a seeded PRNG.
 */

export function rng(seed) {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s / 4294967296;
  };
}

const pick = (r, xs) => xs[Math.floor(r() * xs.length)];
const int = (r, lo, hi) => lo + Math.floor(r() * (hi - lo + 1));

const PROJECTS = ['跨境收款', '清结算重构', '风控规则引擎', '收银台改版', '账户系统升级', '对账平台', '电子钱包2.0', '租金分期', '押金托管', '商户开票', '聚合支付', '资金归集', '营销券平台', '分账服务'];
const CHANNELS = ['万里汇', '连连', '中金', '银联', '网联', '招行直连', '建行直连', '微信支付', '支付宝'];
const VERBS = ['接口联调完成', '方案评审通过', '提测', '灰度放量到30%', '全量上线', '压测完成', '需求确认', '排期中', '代码走查完成', '回归测试通过'];
const OKR = [
  ['O1 业务服务', ['电子钱包2.0，余额理财入口改版', '租金分期，持牌机构接口对接', '押金托管，新增城市接入', '商户开票：电子发票接入', '海外租房收款链路']],
  ['O2 能力升级', ['对账平台，差错自动处理规则', '聚合收银台，小程序版本', '账户系统，冷热数据分离', '清分引擎，批量出款提速']],
  ['O3 平台治理', ['核心链路压测', '慢SQL治理', '监控告警降噪', '证书到期监控', '容量规划']],
  ['O4 支付 × AI', ['智能客服退款场景', '异常交易识别模型', '对账差错归因助手']],
];
const REFLECTIONS = [
  '证书、密钥这类一年才动一次的配置最容易出事，靠人记不住，必须靠系统提醒和定期演练。',
  '灰度期间指标平稳，但回滚预案没有演练过，下次上线前先在预发环境走一遍。',
  '跨团队的接口约定要落在文档里，口头对齐的部分这周返工了两次。',
  '暂无',
  '压测数据和线上差距较大，需要补齐真实流量回放，单纯放大并发不能代表峰值场景。',
];
const INCIDENT = ['出金通道证书到期未及时更新', '分账服务发布后配置未同步', '对账文件延迟下发', '收银台页面静态资源加载失败', '风控规则误拦截', '数据库主从延迟升高'];

function pad(n) {
  return String(n).padStart(2, '0');
}

/** Monday of ISO week `week` of `year` (UTC). */
export function mondayOf(year, week) {
  const jan4 = new Date(Date.UTC(year, 0, 4));
  const day = jan4.getUTCDay() || 7;
  return new Date(jan4.getTime() + ((week - 1) * 7 - (day - 1)) * 86400000);
}

/** The ISO weeks before (year, week), newest first. */
export function weeksBefore(year, week, count) {
  const out = [];
  let t = mondayOf(year, week).getTime();
  for (let i = 0; i < count; i++) {
    const d = new Date(t + 3 * 86400000); // Thursday decides the ISO year
    const y = d.getUTCFullYear();
    const w = Math.floor((d.getTime() - mondayOf(y, 1).getTime()) / (7 * 86400000)) + 1;
    out.push({ year: y, week: w });
    t -= 7 * 86400000;
  }
  return out;
}

/** One week's report, about `kb` KB (default 7). */
export function week(r, year, wk, kb = 7) {
  const mon = mondayOf(year, wk);
  const md = (offset) => {
    const d = new Date(mon.getTime() + offset * 86400000);
    return `${d.getUTCMonth() + 1}/${d.getUTCDate()}`;
  };
  const out = [];
  out.push(r() < 0.5 ? `# ${year}-W${pad(wk)}` : `# 第${wk}周 ${year}/${pad(mon.getUTCMonth() + 1)}/${pad(mon.getUTCDate())}`, '');
  if (r() < 0.6) out.push(`Created: ${year}年${mon.getUTCMonth() + 1}月${mon.getUTCDate() + 4 > 28 ? 28 : mon.getUTCDate() + 4}日 18:${pad(int(r, 0, 59))}`, '');
  out.push('## 【重点工作】', '');
  const target = kb * 1024;
  const size = () => Buffer.byteLength(out.join('\n'));
  const projects = [...PROJECTS].sort(() => r() - 0.5);
  let p = 0;
  // key work grows until about 55% of the target; the rest are fixed-size sections
  while (size() < target * 0.55 && p < projects.length) {
    const name = projects[p++];
    out.push(r() < 0.9 ? `- 【${name}】` : `- ${name}`);
    if (r() < 0.25) {
      out.push('    ', `    ${name}本周完成服务边界评审，${pick(r, CHANNELS)}侧${pick(r, VERBS)}，整体进度${int(r, 10, 95)}%，计划${md(int(r, 7, 40))}上线。`, '    ');
      continue;
    }
    for (let i = 1; i <= int(r, 2, 3); i++) {
      out.push(`    ${i}. ${pick(r, ['通道建设', '业务对接', '技术改造', '上线准备', '合规材料'])}：`);
      for (let j = 1; j <= int(r, 1, 3); j++) {
        out.push(`        ${j}. ${pick(r, CHANNELS)}，${pick(r, VERBS)}，进度${int(r, 5, 100)}%，计划${md(int(r, 3, 60))}${r() < 0.3 ? '，对方希望阶梯定价，我方倾向固定费率' : ''}`);
      }
    }
  }
  out.push('', '## 【系统运行数据】', '', '支付成功率：', '');
  out.push(`- 入金有效成功率：99.${int(r, 900, 999)}%`, `- 出金有效成功率：99.${int(r, 900, 999)}% ，一次支付成功率：99.${int(r, 1000, 9999)}%`, '', '系统可用性：', '');
  out.push(`- 支付系统年度可用性：99.99${int(r, 0, 9)}%`, `- 事故数AB级0次，C级${pick(r, ['0', '0.5', '1'])}次，D级${int(r, 0, 2)}次`, '');
  for (const [title, items] of OKR) {
    if (title.startsWith('O4') && r() < 0.5) continue;
    out.push(`## 【${title}】`, '');
    for (const it of items) {
      if (r() < 0.2) continue;
      const tail = r() < 0.5 ? `进度${int(r, 0, 100)}%，计划${md(int(r, 5, 90))}上线` : `本周完成${int(r, 3, 40)}项，剩余${int(r, 1, 60)}项${r() < 0.3 ? '；' : ''}`;
      out.push(`- ${it}，${tail}`);
    }
    out.push('');
  }
  out.push('## 【生产事件】', '');
  const n = int(r, 0, 3);
  if (n === 0) out.push('无', '');
  for (let i = 0; i < n; i++) {
    const h = int(r, 0, 22);
    const m = int(r, 0, 50);
    const dur = int(r, 3, 58);
    const d = new Date(mon.getTime() + int(r, 0, 4) * 86400000);
    out.push(`${pad(d.getUTCMonth() + 1)}/${pad(d.getUTCDate())} ${pad(h)}:${pad(m)} ${pick(r, INCIDENT)}，导致${pad(h)}:${pad(m)}-${pad(h + 1)}:${pad(m)}期间部分请求失败，共持续${dur}min，影响${int(r, 10, 900)}笔${r() < 0.4 ? '【待复盘】' : '，无资金损失'}`, '');
  }
  out.push('## 【其他】', '', `1. ${pick(r, ['季度预算复盘', '新人导师结对安排', '招聘面试4场', '技术分享：对账差错分类'])}`, '');
  out.push('## 收获与反思', '', pick(r, REFLECTIONS), '');
  // pad with reflections prose to reach the target
  while (size() < target - 400) out.push(pick(r, REFLECTIONS.filter((x) => x !== '暂无')), '');
  out.push('# 下周工作及目标', '');
  const goals = int(r, 3, 5);
  for (let i = 1; i <= goals; i++) out.push(`${i}. ${pick(r, PROJECTS)}${pick(r, ['方案定稿', '上线准备', '灰度放量', '复盘报告', '合规材料提交'])}`);
  out.push('');
  return out.join('\n');
}

/** A multi-week document of about `bytes` bytes, newest week first, ending at (year, wk). */
export function document(seed, bytes, year = 2025, wk = 20) {
  const r = rng(seed);
  const parts = [];
  let total = 0;
  for (const w of weeksBefore(year, wk, 1000)) {
    const text = week(r, w.year, w.week);
    parts.push(text);
    total += Buffer.byteLength(text) + 1;
    if (total >= bytes * 0.97) break;
  }
  return parts.join('\n');
}

/** `count` weekly files: [{ name: '2025-W20.md', text }], newest first. */
export function workspace(seed, count, year = 2025, wk = 20) {
  const r = rng(seed);
  return weeksBefore(year, wk, count).map((w) => ({ name: `${w.year}-W${pad(w.week)}.md`, text: week(r, w.year, w.week, 3) }));
}

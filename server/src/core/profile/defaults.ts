/**
 * The default profile: the dialect of the payments team whose reports the corpus holds
 * (see docs/profile.md). Every other profile is this one with overrides merged in.
 */
import type { Profile } from './schema';

export const defaultProfile: Profile = {
  filePattern: '{year}-W{week}.md',
  include: ['**/*.md'],
  exclude: ['**/node_modules/**', '**/.git/**'],
  titleStyle: 'iso',
  sections: [
    { id: 'review', title: '上周目标回顾', aliases: ['上周目标', '上周工作回顾'], level: 2, bracketed: true, required: false, role: 'review' },
    { id: 'keyWork', title: '重点工作', aliases: ['重点项目', '本周重点工作'], level: 2, bracketed: true, required: false, role: 'keyWork' },
    { id: 'okr', title: 'O', aliases: [], level: 2, bracketed: true, required: false, role: 'okr' },
    { id: 'metrics', title: '系统运行数据', aliases: ['系统运行指标', '运行数据'], level: 2, bracketed: true, required: true, role: 'metrics' },
    { id: 'incidents', title: '生产事件', aliases: ['生产事故', '线上事件', '线上问题'], level: 2, bracketed: true, required: true, role: 'incidents' },
    { id: 'other', title: '其他', aliases: ['其它'], level: 2, bracketed: true, required: false, role: 'other' },
    { id: 'reflection', title: '收获与反思', aliases: ['反思与收获', '收获和反思'], level: 2, bracketed: false, required: false, role: 'reflection' },
    { id: 'goals', title: '下周工作及目标', aliases: ['下周工作与目标', '下周目标', '下周工作'], level: 1, bracketed: false, required: true, role: 'goals' },
    { id: 'daily', title: '日报合集', aliases: [], level: 1, bracketed: false, required: false, role: 'daily' },
  ],
  okr: { prefix: 'O' },
  metrics: [
    { id: 'depositSuccessRate', name: '入金有效成功率', aliases: [], group: '支付成功率', unit: 'percent', min: 0, max: 100, target: { min: 99.95 }, required: true, decimals: 4 },
    { id: 'withdrawalSuccessRate', name: '出金有效成功率', aliases: [], group: '支付成功率', unit: 'percent', min: 0, max: 100, target: { min: 99.95 }, required: true, decimals: 4 },
    { id: 'firstPaymentSuccessRate', name: '一次支付成功率', aliases: [], group: '支付成功率', unit: 'percent', min: 0, max: 100, required: false, decimals: 4 },
    { id: 'annualAvailability', name: '年度可用性', aliases: ['支付系统年度可用性', '系统年度可用性'], group: '系统可用性', unit: 'percent', min: 0, max: 100, target: { min: 99.99 }, required: true, decimals: 4 },
    { id: 'incidentCount', name: '事故数', aliases: ['事故次数'], group: '系统可用性', unit: 'grades', min: 0, required: true, grades: ['AB', 'CD'], step: 0.5 },
  ],
  incidents: { pendingTag: '待复盘', weeksBefore: 1 },
  history: { maxWeeksBack: 2 },
  created: { maxDaysAfter: 7 },
  placeholders: ['xx%', 'XX%', 'TODO', 'TBD', '待补充', '待填写', '${'],
  rules: {},
};

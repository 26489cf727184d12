/**
 * Small reports written for the protocol tests, in the dialect (full-width brackets and colons,
 * nested numbered items with 4-space indents, a group label right after a list, a tagged incident).
 */

/** A clean week: only 出金有效成功率 below its target (WR023) and a pending postmortem (WR044). */
export const WEEK_12 = `# 2024-W12

Created: 2024年3月22日 14:52

## 【重点工作】

- 【收银台改版】
    1. 产品评审完成，整体进度40%，计划4/10上线
    2. 与风控对齐限额策略
- 【对账平台】
    1. 差错处理自动化，测试进度 80%

## 【O1 业务服务】

- 分期收款接入进度60%，预计4/16上线
- 商户入网流程优化，本周完成需求梳理

## 【系统运行数据】

支付成功率：

- 入金有效成功率：99.991%
- 出金有效成功率：99.912%

系统可用性：

- 年度可用性：100%
- 事故数AB级0次，CD级1次

## 【生产事件】

3/19 10:05

监控发现代付通道超时升高，10:05-10:37期间部分出金延迟，共持续32min，切换备用通道后恢复【待复盘】

## 收获与反思

暂无

# 下周工作及目标

1. 收银台改版联调
2. 对账差错自动化上线
3. 分期收款灰度
`;

/** Not a report: an ordinary Markdown file. */
export const README = `# 支付团队工具

## 安装

\`npm ci\` 然后运行 \`npm run build\`。

## 约定

- 周报放在 reports/ 目录
- 文件名形如 2024-W12.md
`;

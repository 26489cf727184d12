/**
 * How eagerly V8 optimises the server's code. V8's optimising compiler (TurboFan) starts on a
 * function once the function has run a budget of bytecode (`--interrupt-budget`). With V8's
 * default budget, a fresh server's first few hundred keystrokes optimise over a hundred functions
 * on V8's worker threads, and throw away and optimise again about half of them when they meet
 * objects of another shape: 2–3 ms of CPU per keystroke at 100 KB, beside the keystroke's own
 * ~1 ms, taken from the cores that the editor and the server's main thread need
 * (docs/performance.md, item 61). A larger budget leaves lukewarm code in the baseline tiers and
 * optimises what stays hot.
 */
import { setFlagsFromString } from 'node:v8';

/** V8's default budget (Node 20) times 8: measured against 1×, 4× and 16× (item 61). */
export const INTERRUPT_BUDGET = 8 * 67_584;

/**
 * The budget the server sets for itself: none when Node was started with a budget of its own
 * (`node --interrupt-budget=… server.js`), which then wins.
 */
export function interruptBudget(execArgv: readonly string[]): number | undefined {
  return execArgv.some((a) => /^--interrupt[-_]budget=/.test(a)) ? undefined : INTERRUPT_BUDGET;
}

/** What `applyInterruptBudget` set, for `zhoubao/serverStatus`. */
export let appliedInterruptBudget: number | undefined;

/** Sets the budget, before the server's code runs hot. */
export function applyInterruptBudget(execArgv: readonly string[] = process.execArgv): void {
  const budget = interruptBudget(execArgv);
  if (budget === undefined) return;
  setFlagsFromString(`--interrupt-budget=${budget}`);
  appliedInterruptBudget = budget;
}

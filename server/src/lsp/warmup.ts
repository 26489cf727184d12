/**
 * The warm-up, run while the server is idle: the core's `warmUp` keystrokes on a report of its
 * own, with their findings, hover and completion converted to LSP as an editor's are (nothing is
 * sent), so that V8 has compiled the keystroke path before the user types (docs/performance.md,
 * item 45).
 *
 * It never gets in the way: it starts only once nothing has reached the server for IDLE_MS (no
 * request, no notification, no document change) and no workspace folder is being indexed; it
 * works in slices of at most SLICE_MS, yielding to the event loop after each; and it waits for
 * quiet again as soon as anything arrives. It runs once per server. ZHOUBAO_WARMUP=0 turns it off
 * (the benchmark measures the cold server that way).
 */
import { sameFindings } from '../core/check';
import type { Locale } from '../core/l10n';
import type { Profile } from '../core/profile/schema';
import type { Finding } from '../core/rules/types';
import { WARM_UP_KEYSTROKES, warmUp } from '../core/warmup';
import { toCompletionItems, toDiagnostic, toHover } from './convert';
import type { WarmUpStatus } from './protocol';

/** quiet time before the warm-up (re)starts (ms) */
export const IDLE_MS = 100;
/** the longest the warm-up keeps the event loop before yielding (ms) */
export const SLICE_MS = 2;

type WarmUpState = WarmUpStatus['state'];

export interface WarmUpOptions {
  /** the profile and locale the keystrokes run under (the defaults: what a first report gets) */
  profile: Profile;
  locale: Locale;
  /** work the warm-up must not compete with (a workspace folder being indexed) */
  busy?: () => boolean;
  log?: (message: string) => void;
  /** ZHOUBAO_WARMUP=0 turns the warm-up off */
  enabled?: boolean;
}

export function warmUpEnabled(value: string | undefined = process.env.ZHOUBAO_WARMUP): boolean {
  return value === undefined || !/^(0|false|off|no)$/i.test(value.trim());
}

export class WarmUp {
  private state: WarmUpState;
  private keystrokes = 0;
  private busyMs = 0;
  private lastActivity = performance.now();
  private inFlight = 0;
  private steps: Iterator<unknown> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private immediate: NodeJS.Immediate | undefined;

  constructor(private readonly options: WarmUpOptions) {
    this.state = (options.enabled ?? warmUpEnabled()) ? 'waiting' : 'off';
  }

  /** Begins waiting for quiet (after `initialized`). */
  start(): void {
    if (this.state === 'waiting') this.wait();
  }

  /** Something reached the server: the warm-up waits for quiet again. */
  touch(): void {
    this.lastActivity = performance.now();
  }

  /** A request is being answered (until `end`): no warm-up meanwhile. */
  begin(): void {
    this.inFlight++;
    this.touch();
  }

  end(): void {
    this.inFlight = Math.max(0, this.inFlight - 1);
    this.touch();
  }

  status(): WarmUpStatus {
    return { state: this.state, keystrokes: this.keystrokes, total: WARM_UP_KEYSTROKES, busyMs: Math.round(this.busyMs * 10) / 10 };
  }

  dispose(): void {
    clearTimeout(this.timer);
    if (this.immediate) clearImmediate(this.immediate);
    this.timer = this.immediate = undefined;
    if (this.state === 'waiting' || this.state === 'running') this.state = 'off';
    this.steps = undefined;
  }

  /** How long until the server has been quiet for IDLE_MS (0: it is quiet now). */
  private quietIn(): number {
    if (this.inFlight > 0 || this.options.busy?.()) return IDLE_MS;
    return Math.max(0, this.lastActivity + IDLE_MS - performance.now());
  }

  private wait(): void {
    const delay = this.quietIn();
    if (delay > 0) {
      this.timer = setTimeout(() => this.wait(), Math.ceil(delay));
      this.timer.unref();
      return;
    }
    this.timer = undefined;
    this.slice();
  }

  private slice(): void {
    this.immediate = undefined;
    if (this.state !== 'waiting' && this.state !== 'running') return;
    if (this.quietIn() > 0) return this.wait();
    this.state = 'running';
    const t0 = performance.now();
    try {
      this.steps ??= this.keystrokesConverted();
      do {
        if (this.steps.next().done) {
          this.state = 'done';
          this.steps = undefined;
          break;
        }
        this.keystrokes++;
      } while (performance.now() - t0 < SLICE_MS);
    } catch (e) {
      // a warm-up is an optimisation: a failure is logged and the server goes on without it
      this.state = 'failed';
      this.steps = undefined;
      this.options.log?.(`zhoubao: warm-up stopped: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    }
    this.busyMs += performance.now() - t0;
    if (this.state === 'running') {
      // (not unref'd: an unref'd immediate waits for other I/O to wake the event loop)
      this.immediate = setImmediate(() => this.slice());
    }
  }

  /** The core's keystrokes, each with its results made into what the client would be sent. */
  private *keystrokesConverted(): Generator<void, void, undefined> {
    const { profile, locale } = this.options;
    let last: Finding[] = [];
    let version = 1;
    for (const step of warmUp(profile)) {
      version++;
      if (!sameFindings(last, step.findings)) step.findings.map((f) => toDiagnostic(f, locale, version));
      last = step.findings;
      if (step.hover) toHover(step.hover, locale, true);
      toCompletionItems(step.completions, locale, true, true);
      yield;
    }
  }
}

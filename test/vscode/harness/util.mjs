// Small helpers shared by the real-VS-Code runners: logging, polling with a deadline, bounded
// waits, free ports, and stopping the process groups we started. No fixed sleeps: every wait
// polls a condition until a deadline.
import { execFileSync, spawn } from 'node:child_process';
import net from 'node:net';

const T0 = Date.now();

export function log(...args) {
  console.error(`[test:vscode +${((Date.now() - T0) / 1000).toFixed(1)}s]`, ...args);
}

export function elapsedMs() {
  return Date.now() - T0;
}

export const delay = (ms) => new Promise((r) => setTimeout(r, ms));

/** Resolves with the first truthy value of `fn()`, polling every `every` ms; throws after `ms`. */
export async function waitFor(fn, ms, what, every = 200) {
  const end = Date.now() + ms;
  let lastError;
  for (;;) {
    try {
      const v = await fn();
      if (v) return v;
    } catch (e) {
      if (e && e.fatal) throw e;
      lastError = e;
    }
    if (Date.now() > end) {
      throw new Error(`timed out after ${ms} ms waiting for ${what}${lastError ? ` (last error: ${lastError.message})` : ''}`);
    }
    await delay(every);
  }
}

/** An error that stops `waitFor` at once (e.g. the process we wait on died). */
export function fatal(message) {
  const e = new Error(message);
  e.fatal = true;
  return e;
}

export function withTimeout(promise, ms, what) {
  let t;
  return Promise.race([
    promise,
    new Promise((_, reject) => {
      t = setTimeout(() => reject(new Error(`timed out after ${ms} ms: ${what}`)), ms);
    }),
  ]).finally(() => clearTimeout(t));
}

export function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.unref();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

/** Runs a command to completion (inheriting nothing but the given env); rejects on failure. */
export function run(cmd, args, { env = process.env, cwd, timeoutMs = 600_000, logFile } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { env, cwd, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    const onData = (d) => {
      out += d;
      if (out.length > 4_000_000) out = out.slice(-2_000_000);
      if (logFile) logFile.write(d);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    const timer = setTimeout(() => {
      killGroup(child.pid, 'SIGKILL');
      reject(new Error(`${cmd} ${args.join(' ')}: timed out after ${timeoutMs} ms\n${out.slice(-4000)}`));
    }, timeoutMs);
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) resolve(out);
      else reject(new Error(`${cmd} ${args.join(' ')}: exit ${code ?? signal}\n${out.slice(-4000)}`));
    });
  });
}

function killGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
    return true;
  } catch {
    return false;
  }
}

function groupAlive(pid) {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * Stops a child started with `detached: true` (its own process group) and everything in that
 * group: SIGTERM, then SIGKILL after a grace period if the leader or any member is still there.
 */
export async function stopProcessGroup(child, name) {
  if (!child || !child.pid) return;
  const leaderGone = child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise((r) => child.once('exit', r));
  killGroup(child.pid, 'SIGTERM');
  const exited = await withTimeout(leaderGone, 5000, `${name} SIGTERM`).then(() => true, () => false);
  if (!exited) log(`${name} (pgid ${child.pid}) ignored SIGTERM; SIGKILL`);
  // members (extension host, language server, file watcher, pty host) follow the leader shortly
  const end = Date.now() + (exited ? 5000 : 0);
  while (groupAlive(child.pid) && Date.now() < end) await delay(100);
  if (groupAlive(child.pid)) {
    let who = '';
    try {
      who = execFileSync('ps', ['-o', 'pid=,comm=', '-g', String(child.pid)], { encoding: 'utf8' }).trim().replace(/\s+/g, ' ');
    } catch {
      /* ps may be missing */
    }
    log(`process group ${child.pid} (${name}) still has members (${who || '?'}); SIGKILL`);
    killGroup(child.pid, 'SIGKILL');
    await waitFor(() => !groupAlive(child.pid), 5000, `${name} process group to end`).catch((e) => log(e.message));
  }
}

// ---- cleanup on Ctrl-C / SIGTERM: the runners register how to stop what they started
const cleanups = new Set();
let interruptedBy;

/** The signal that interrupted the harness, if any (its handler then decides the exit). */
export function interrupted() {
  return interruptedBy;
}

/** Registers `fn` to run if the harness is interrupted; returns a function that unregisters it. */
export function onInterrupt(fn) {
  cleanups.add(fn);
  return () => cleanups.delete(fn);
}

for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.once(sig, async () => {
    interruptedBy = sig;
    log(`${sig}: stopping what the harness started`);
    for (const fn of [...cleanups].reverse()) await Promise.resolve().then(fn).catch((e) => log(e.message));
    process.exit(130);
  });
}

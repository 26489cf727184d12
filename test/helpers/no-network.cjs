/**
 * A `--require` preload (set through NODE_OPTIONS, so child processes get it too) that makes every
 * network entry point of Node throw, and records each attempt (and that it was loaded) as one JSON
 * line in the file named by ZHOUBAO_NO_NET_LOG: net (connect, createConnection, Socket#connect,
 * servers), dns (callbacks, promises, Resolver), http, https, http2, tls, dgram, and the global
 * fetch / WebSocket / EventSource (Node's undici). Standard input and output, files and pipes to
 * child processes are not network and stay untouched (a stdio pipe is a socket that is never
 * connected or listened on by the process itself).
 * Used by test/lsp/no-network.test.ts; plain CommonJS so that Node loads it without a compiler.
 */
'use strict';
const fs = require('node:fs');

const LOG = process.env.ZHOUBAO_NO_NET_LOG;

function write(entry) {
  if (!LOG) return;
  try {
    fs.appendFileSync(LOG, JSON.stringify({ pid: process.pid, ...entry }) + '\n');
  } catch {
    // nowhere to record: the throw below still stops the attempt
  }
}

function blocked(what) {
  const stack = (new Error().stack || '').split('\n').slice(3, 12).join('\n');
  write({ attempt: what, argv: process.argv.slice(1, 3), stack });
  const e = new Error(`network access blocked (test/helpers/no-network.cjs): ${what}`);
  e.code = 'ENETBLOCKED';
  return e;
}

function block(target, label, names) {
  if (!target) return;
  for (const name of names) {
    if (typeof target[name] !== 'function') continue;
    try {
      Object.defineProperty(target, name, {
        configurable: true,
        writable: true,
        value: function blockedNetworkCall() {
          throw blocked(`${label}.${name}`);
        },
      });
    } catch {
      write({ attempt: `cannot block ${label}.${name}` });
    }
  }
}

const net = require('node:net');
block(net, 'net', ['connect', 'createConnection', 'createServer']);
block(net.Socket.prototype, 'net.Socket#', ['connect']);
block(net.Server.prototype, 'net.Server#', ['listen']);

const DNS = ['lookup', 'lookupService', 'resolve', 'resolve4', 'resolve6', 'resolveAny', 'resolveCaa', 'resolveCname', 'resolveMx', 'resolveNaptr', 'resolveNs', 'resolvePtr', 'resolveSoa', 'resolveSrv', 'resolveTxt', 'reverse'];
const dns = require('node:dns');
block(dns, 'dns', DNS);
block(dns.promises, 'dns.promises', DNS);
block(dns.Resolver && dns.Resolver.prototype, 'dns.Resolver#', DNS);
block(dns.promises && dns.promises.Resolver && dns.promises.Resolver.prototype, 'dns.promises.Resolver#', DNS);

block(require('node:http'), 'http', ['request', 'get', 'createServer']);
block(require('node:https'), 'https', ['request', 'get', 'createServer']);
block(require('node:http2'), 'http2', ['connect', 'createServer', 'createSecureServer']);
block(require('node:tls'), 'tls', ['connect', 'createServer']);
block(require('node:dgram'), 'dgram', ['createSocket']);

for (const name of ['fetch', 'WebSocket', 'EventSource']) {
  if (typeof globalThis[name] !== 'function') continue;
  Object.defineProperty(globalThis, name, {
    configurable: true,
    writable: true,
    value: function blockedNetworkGlobal() {
      throw blocked(name);
    },
  });
}

write({ loaded: true, argv: process.argv.slice(1, 3) });

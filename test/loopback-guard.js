// Keeps the test suite on loopback: any TCP connection or UDP datagram to an address other than
// 127.0.0.0/8 or ::1 throws (or fails the lookup) instead of leaving the machine. Loaded by
// test/setup.ts in every jest worker and, through NODE_OPTIONS, in every child process the tests
// start (the dashscope-verify CLI included). Plain JavaScript so children can --require it.
"use strict";

const net = require("net");
const dgram = require("dgram");
const dns = require("dns");

function isLoopback(address) {
  if (typeof address !== "string") return false;
  const a = address.replace(/^\[|\]$/g, "").replace(/^::ffff:/i, "");
  // 0.0.0.0 and :: as a destination mean "this host" on Linux: they never leave the machine.
  return a === "::1" || a === "::" || a === "0.0.0.0" || a === "localhost" || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(a);
}

function refuse(address) {
  const error = new Error(`loopback guard: the tests tried to reach ${address}; tests and benchmarks talk only to 127.0.0.1 / ::1`);
  error.code = "ELOOPBACKGUARD";
  return error;
}

/** Wraps a lookup so that a name resolving to anything but loopback fails. */
function guardedLookup(lookup) {
  return function (hostname, options, callback) {
    if (typeof options === "function") {
      callback = options;
      options = {};
    }
    return lookup(hostname, options, (err, address, family) => {
      if (err) return callback(err);
      const list = Array.isArray(address) ? address.map((a) => a.address) : [address];
      const bad = list.find((a) => !isLoopback(a));
      if (bad !== undefined) return callback(refuse(`${hostname} (${bad})`));
      callback(null, address, family);
    });
  };
}

if (!net.Socket.prototype.__loopbackGuard) {
  const connect = net.Socket.prototype.connect;
  net.Socket.prototype.connect = function (...args) {
    // net.connect() passes its normalized arguments as an array tagged with an internal symbol:
    // change its options in place rather than replace it.
    const normalized = Array.isArray(args[0]);
    let options = normalized ? args[0][0] : args[0];
    if (!normalized && (typeof options === "number" || (typeof options === "string" && /^\d+$/.test(options)))) {
      options = { port: options, host: typeof args[1] === "string" ? args[1] : "localhost" };
      args = [options, ...args.slice(typeof args[1] === "string" ? 2 : 1)];
    }
    if (options && typeof options === "object" && options.path === undefined) {
      const host = options.host ?? "localhost";
      if (net.isIP(host)) {
        if (!isLoopback(host)) throw refuse(host);
      } else if (!isLoopback(host)) {
        const guarded = { ...options, lookup: guardedLookup(options.lookup ?? dns.lookup) };
        if (normalized) args[0][0] = guarded;
        else args[0] = guarded;
      }
    }
    return connect.apply(this, args);
  };
  const send = dgram.Socket.prototype.send;
  dgram.Socket.prototype.send = function (...args) {
    const address = args.find((a, i) => i > 0 && typeof a === "string");
    if (address !== undefined && net.isIP(address) && !isLoopback(address)) throw refuse(address);
    return send.apply(this, args);
  };
  // c-ares (dns.Resolver, dns.resolve*) sends its own datagrams, past dgram: every query must go to
  // loopback servers only (a Resolver left on the system's servers would ask the real network).
  const serversOf = (resolver) => resolver.getServers().map((s) => s.replace(/^\[([^\]]+)\](:\d+)?$/, "$1").replace(/^([\d.]+):\d+$/, "$1"));
  const guardQueries = (target, getResolver) => {
    for (const name of Object.getOwnPropertyNames(target)) {
      if (!/^(resolve|reverse)/.test(name) || typeof target[name] !== "function") continue;
      const original = target[name];
      target[name] = function (...args) {
        const bad = serversOf(getResolver(this)).find((server) => !isLoopback(server));
        if (bad !== undefined) throw refuse(`DNS server ${bad}`);
        return original.apply(this, args);
      };
    }
  };
  guardQueries(dns.Resolver.prototype, (self) => self);
  guardQueries(dns.promises.Resolver.prototype, (self) => self);
  guardQueries(dns, () => dns);
  guardQueries(dns.promises, () => dns.promises);
  net.Socket.prototype.__loopbackGuard = true;
}

module.exports = { isLoopback };

#!/usr/bin/env node
// The npm registry reachable here lacks some platform-specific optional packages (macOS and
// Windows builds of @swc/core, …). `npm install` leaves them out of package-lock.json and
// `npm ci` then refuses the lock as "out of sync". This adds a stub entry for each optional
// dependency the lock names but does not contain, marked optional, so `npm ci` skips it on
// this platform like any other optional package it cannot use. Run after `npm install`.
const fs = require('node:fs');
const path = require('node:path');

const lockPath = path.resolve(__dirname, '..', 'package-lock.json');
const lock = JSON.parse(fs.readFileSync(lockPath, 'utf8'));
const pkgs = lock.packages;
let added = 0;
for (const [key, entry] of Object.entries(pkgs)) {
  for (const [name, version] of Object.entries(entry.optionalDependencies ?? {})) {
    const at = `node_modules/${name}`;
    if (pkgs[at]) continue;
    const platform = /-(darwin|win32|freebsd|android|openharmony|linux)-/.exec(name)?.[1];
    pkgs[at] = {
      version,
      ...(entry.dev ? { dev: true } : {}),
      optional: true,
      ...(platform && platform !== 'linux' ? { os: [platform] } : {}),
    };
    added++;
    void key;
  }
}
fs.writeFileSync(lockPath, JSON.stringify(lock, null, 2) + '\n');
console.log(`lock-missing-optionals: ${added} stub entr${added === 1 ? 'y' : 'ies'} added`);

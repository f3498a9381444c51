#!/usr/bin/env node
// Electronegativity gate for Muxdeck's BUILT output.
//
//   node scripts/electronegativity-check.mjs [dir] [--keep]      (dir defaults to out/)
//
// Scans the bundles electron-vite wrote (out/main, out/preload, out/renderer) with
// @doyensec/electronegativity, writes its findings to a JSON report in a temp dir,
// reads the report back and fails (exit 1) on every HIGH or MEDIUM finding that is
// not justified in docs/security.md, section "## Electronegativity findings":
//
//   - `CHECK_ID` (SEVERITY) in `glob`, `glob`: why this finding is acceptable
//
// "(SEVERITY)" and "in `glob`" are optional and narrow the justification: with a
// severity it covers only findings of that severity, with globs only findings in
// matching files (paths relative to the scanned dir, e.g. `renderer/**`).
// Exit 2 when electronegativity itself fails: it crashes, writes no report, or
// cannot parse a file (a file it cannot parse is a file it did not check).
//
// Why not just `electronegativity -i out -o report.sarif`:
//   - with -o the CLI exits 0 and silently drops every file it failed to parse;
//   - its SARIF carries no severity (only warning/note), and its CSV writer emits the
//     header and the rows with two unsequenced async writes;
//   - it only reads *.js/*.jsx/*.ts/*.tsx/*.html/*.htm, so *.mjs/*.cjs bundles would go
//     unscanned;
//   - its BrowserWindow checks only recognise `new BrowserWindow(...)`, while bundlers
//     emit `new electron.BrowserWindow(...)`, so on a bundle they would see no window
//     at all (no sandbox / contextIsolation / nodeIntegration findings, ever);
//   - it downloads translations (and Electron's release list) from the network.
// So this script scans a normalised copy of the dir (constructors rewritten to
// `new BrowserWindow(`, .mjs/.cjs renamed to .js; line numbers unchanged) by calling
// electronegativity's own runner in a child process (offline, Electron version taken
// from node_modules/electron), which returns severities and parse errors.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire, Module } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const SELF = fileURLToPath(import.meta.url);
const REPO_ROOT = path.resolve(path.dirname(SELF), '..');
const SECURITY_DOC = path.join(REPO_ROOT, 'docs', 'security.md');
const SECTION_TITLE = 'Electronegativity findings';
const GATED = new Set(['HIGH', 'MEDIUM']);
const SEVERITY_ORDER = ['HIGH', 'MEDIUM', 'LOW', 'INFORMATIONAL'];
const SCANNED_EXT = /\.(js|jsx|ts|tsx|html|htm)$/i;
const RENAMED_EXT = /\.(mjs|cjs)$/i;
// AvailableSecurityFixesGlobalCheck only downloads Electron's release list and reads
// package.json files; the built output has neither, and CI has no network for it.
const EXCLUDED_CHECKS = ['availablesecurityfixesglobalcheck'];

if (process.argv[2] === '--worker') {
  await worker(process.argv[3], process.argv[4], process.argv[5]);
} else {
  process.exit(main(process.argv.slice(2)));
}

// ---------------------------------------------------------------------------
// Parent: prepare, run the worker, judge.

function main(args) {
  if (args.includes('--help') || args.includes('-h')) {
    console.log(
      'usage: node scripts/electronegativity-check.mjs [dir] [--keep]\n' +
        '  dir     built app to scan (default: out/ in the repo root)\n' +
        '  --keep  keep the temp dir with the normalised copy and report.json',
    );
    return 0;
  }
  const keep = args.includes('--keep');
  const positional = args.filter((a) => !a.startsWith('--'));
  const scanDir = positional[0] ? path.resolve(positional[0]) : path.join(REPO_ROOT, 'out');

  if (!fs.existsSync(scanDir) || !fs.statSync(scanDir).isDirectory()) {
    return toolError(`${scanDir} is not a directory. Build first: npm run build`);
  }
  const files = listFiles(scanDir).filter((f) => SCANNED_EXT.test(f) || RENAMED_EXT.test(f));
  if (files.length === 0) {
    return toolError(`no .js/.html files under ${scanDir}. Build first: npm run build`);
  }

  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'muxdeck-electronegativity-'));
  try {
    // 1. Normalised copy.
    const copy = path.join(tmp, 'scan');
    const renamed = new Map(); // copy-relative path -> original relative path
    let constructors = 0;
    for (const rel of files) {
      const target = RENAMED_EXT.test(rel) ? `${rel}.js` : rel;
      if (target !== rel) renamed.set(target, rel);
      const dest = path.join(copy, target);
      fs.mkdirSync(path.dirname(dest), { recursive: true });
      let text = fs.readFileSync(path.join(scanDir, rel), 'utf8');
      if (/\.(m|c)?js$/i.test(rel)) {
        text = text.replace(
          /\bnew(\s+)(?:[A-Za-z_$][\w$]*\.)+(BrowserWindow|BrowserView)\b/g,
          (_m, space, cls) => {
            constructors += 1;
            return `new${space}${cls}`;
          },
        );
      }
      fs.writeFileSync(dest, text);
    }

    // 2. Scan.
    const electronVersion = detectElectronVersion();
    const reportPath = path.join(tmp, 'report.json');
    console.log(
      `electronegativity: scanning ${display(scanDir)} ` +
        `(${files.length} files, Electron ${electronVersion ?? 'unknown'}` +
        `${constructors ? `, ${constructors} namespaced BrowserWindow/BrowserView constructor(s) normalised` : ''})`,
    );
    if (!electronVersion) {
      console.log(
        '  warning: Electron version unknown; electronegativity assumes the insecure defaults of 0.1.0',
      );
    }
    const started = Date.now();
    const child = spawnSync(process.execPath, [SELF, '--worker', copy, reportPath, electronVersion ?? ''], {
      cwd: REPO_ROOT,
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
      timeout: 10 * 60 * 1000,
    });
    const output = `${child.stdout ?? ''}${child.stderr ?? ''}`.trim();
    if (child.error || child.status !== 0) {
      const why = child.error
        ? child.error.message
        : child.signal
          ? `killed by ${child.signal}`
          : `exit code ${child.status}`;
      return toolError(`electronegativity crashed (${why}).`, output);
    }
    if (!fs.existsSync(reportPath) || fs.statSync(reportPath).size === 0) {
      return toolError('electronegativity produced no report.', output);
    }
    let report;
    try {
      report = JSON.parse(fs.readFileSync(reportPath, 'utf8'));
    } catch (err) {
      return toolError(`electronegativity's report is not valid JSON: ${err.message}`, output);
    }
    if (!Array.isArray(report.issues) || !Array.isArray(report.errors)) {
      return toolError('electronegativity report has no issues/errors lists.', output);
    }
    console.log(
      `  ${report.checks?.atomic ?? '?'} atomic + ${report.checks?.global ?? '?'} global checks ` +
        `(electronegativity ${report.version ?? '?'}) in ${((Date.now() - started) / 1000).toFixed(1)}s`,
    );
    if (keep) console.log(`  kept: ${tmp}`);

    const original = (file) => (file && renamed.has(file) ? renamed.get(file) : file);
    const fatalParse = report.errors.filter((e) => !e.tolerable);
    for (const e of report.errors.filter((x) => x.tolerable)) {
      console.log(`  note: tolerated parse problem in ${original(rel(copy, e.file))}: ${e.message}`);
    }

    // 3. Judge.
    const { justifications, problems, found: docFound } = readJustifications();
    for (const p of problems) console.log(`  warning: docs/security.md: ${p}`);
    if (!docFound) {
      console.log(`  note: no "## ${SECTION_TITLE}" section in docs/security.md; nothing is justified`);
    }

    const findings = report.issues.map((i) => {
      const file = original(i.file);
      const severity = SEVERITY_ORDER.includes(i.severity) ? i.severity : 'HIGH'; // unknown = worst
      const gated = GATED.has(severity);
      const by = gated ? justifications.find((j) => j.covers(i.id, severity, file)) : undefined;
      if (by) by.used += 1;
      return { ...i, file, severity, gated, justifiedBy: by };
    });
    findings.sort(
      (a, b) =>
        SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity) ||
        a.id.localeCompare(b.id) ||
        String(a.file).localeCompare(String(b.file)) ||
        (a.line ?? 0) - (b.line ?? 0),
    );

    printTable(findings);
    const unjustified = findings.filter((f) => f.gated && !f.justifiedBy);
    for (const j of justifications.filter((x) => x.used === 0)) {
      console.log(`  note: justification for ${j.label} matched no finding (stale?)`);
    }

    let status = 0;
    if (unjustified.length > 0) {
      console.log(
        `\nFAIL: ${unjustified.length} HIGH/MEDIUM finding(s) not justified. Fix them, or, if a finding is a ` +
          `false positive for this app, justify it in docs/security.md under "## ${SECTION_TITLE}" as\n` +
          '  - `CHECK_ID` (SEVERITY): why it is acceptable\n',
      );
      for (const f of unjustified) {
        console.log(`  ${f.id} (${f.severity}, ${f.confidence ?? '?'}) ${loc(f)}`);
        if (f.description) console.log(`      ${f.description}`);
        if (f.sample) console.log(`      > ${truncate(f.sample, 160)}`);
        console.log(`      ${f.url}`);
      }
      status = 1;
    }
    if (fatalParse.length > 0) {
      console.log(
        `\nERROR: electronegativity could not parse ${fatalParse.length} file(s); they were NOT checked:`,
      );
      for (const e of fatalParse) console.log(`  ${original(rel(copy, e.file))}: ${e.message}`);
      status = 2;
    }
    if (status === 0) {
      const justified = findings.filter((f) => f.justifiedBy).length;
      console.log(
        `\nOK: no unjustified HIGH/MEDIUM findings (${justified} justified, see docs/security.md).`,
      );
    }
    return status;
  } finally {
    if (!keep) fs.rmSync(tmp, { recursive: true, force: true });
  }
}

function toolError(message, output = '') {
  console.error(`ERROR: ${message}`);
  if (output) {
    const lines = output.split('\n');
    console.error(`--- electronegativity output (last ${Math.min(lines.length, 40)} lines) ---`);
    console.error(lines.slice(-40).join('\n'));
  }
  return 2;
}

function display(p) {
  const r = path.relative(process.cwd(), p);
  return r === '' ? '.' : r.startsWith('..') ? p : r;
}

function listFiles(root) {
  const out = [];
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      if (entry.name === 'node_modules') continue; // electronegativity skips these too
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.isFile()) out.push(path.relative(root, full).split(path.sep).join('/'));
    }
  };
  walk(root);
  return out.sort();
}

function rel(root, file) {
  if (!file || file === 'N/A') return file;
  return (path.isAbsolute(file) ? path.relative(root, file) : file).split(path.sep).join('/');
}

function detectElectronVersion() {
  try {
    const req = createRequire(path.join(REPO_ROOT, 'package.json'));
    return req('electron/package.json').version;
  } catch {
    try {
      const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8'));
      const range = pkg.devDependencies?.electron ?? pkg.dependencies?.electron;
      return range?.match(/\d+\.\d+\.\d+/)?.[0];
    } catch {
      return undefined;
    }
  }
}

// ---------------------------------------------------------------------------
// Justifications from docs/security.md.

function readJustifications() {
  const justifications = [];
  const problems = [];
  if (!fs.existsSync(SECURITY_DOC)) return { justifications, problems, found: false };
  const lines = fs.readFileSync(SECURITY_DOC, 'utf8').split(/\r?\n/);
  const start = lines.findIndex((l) => new RegExp(`^##\\s+${SECTION_TITLE}\\s*$`, 'i').test(l));
  if (start < 0) return { justifications, problems, found: false };

  const ITEM = /^\s*[-*+]\s+`([A-Za-z0-9_]+)`(.*)$/;
  const REST =
    /^\s*(?:\((HIGH|MEDIUM|LOW|INFORMATIONAL)\))?\s*(?:in\s+((?:`[^`]+`(?:\s*(?:,|and)\s*)?)+))?\s*[:\u2014\u2013-]\s*(.*)$/i;
  let inFence = false;
  for (let n = start + 1; n < lines.length; n += 1) {
    const line = lines[n];
    if (/^\s*```/.test(line)) inFence = !inFence;
    if (inFence) continue;
    if (/^#{1,2}\s/.test(line)) break; // next section
    const item = ITEM.exec(line);
    if (!item) continue;
    const id = item[1].toUpperCase();
    const rest = REST.exec(item[2]);
    // Reason may continue on indented lines.
    let reason = rest?.[3]?.trim() ?? '';
    for (let k = n + 1; k < lines.length && /^\s{2,}\S/.test(lines[k]) && !ITEM.test(lines[k]); k += 1) {
      reason += ` ${lines[k].trim()}`;
    }
    if (!rest) {
      problems.push(
        `line ${n + 1}: cannot read "${line.trim()}" (expected: - \`${id}\` (SEVERITY) in \`glob\`: reason)`,
      );
      continue;
    }
    if (reason.length < 10) {
      problems.push(`line ${n + 1}: justification for ${id} has no reason; ignored`);
      continue;
    }
    const severity = rest[1]?.toUpperCase();
    const globs = rest[2] ? [...rest[2].matchAll(/`([^`]+)`/g)].map((m) => m[1]) : [];
    const matchers = globs.map(globToRegExp);
    justifications.push({
      id,
      severity,
      globs,
      reason,
      used: 0,
      label: `${id}${severity ? ` (${severity})` : ''}${globs.length ? ` in ${globs.join(', ')}` : ''}`,
      covers(checkId, sev, file) {
        if (checkId.toUpperCase() !== id) return false;
        if (severity && sev !== severity) return false;
        if (matchers.length && !matchers.some((re) => re.test(String(file)))) return false;
        return true;
      },
    });
  }
  return { justifications, problems, found: true };
}

function globToRegExp(glob) {
  let re = '';
  for (let i = 0; i < glob.length; i += 1) {
    const c = glob[i];
    if (c === '*' && glob[i + 1] === '*') {
      i += 1;
      if (glob[i + 1] === '/') {
        i += 1;
        re += '(?:.*/)?';
      } else re += '.*';
    } else if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else re += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

// ---------------------------------------------------------------------------
// Output.

function loc(f) {
  if (!f.file || f.file === 'N/A') return '(whole app)';
  return `${f.file}:${f.line ?? '?'}`;
}

function truncate(s, n) {
  const flat = String(s).replace(/\s+/g, ' ').trim();
  return flat.length > n ? `${flat.slice(0, n - 1)}…` : flat;
}

function printTable(findings) {
  if (findings.length === 0) {
    console.log('\nNo findings.');
    return;
  }
  const rows = findings.map((f) => [
    f.id,
    f.severity,
    truncate(loc(f), 60),
    f.gated ? (f.justifiedBy ? 'yes' : 'NO') : '-',
  ]);
  const head = ['CHECK', 'SEVERITY', 'LOCATION', 'JUSTIFIED'];
  const widths = head.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
  const fmt = (r) =>
    r
      .map((cell, c) => cell.padEnd(widths[c]))
      .join('  ')
      .trimEnd();
  console.log(`\n${fmt(head)}\n${fmt(widths.map((w) => '-'.repeat(w)))}`);
  for (const r of rows) console.log(fmt(r));
  console.log('(only HIGH and MEDIUM findings must be fixed or justified; "-" = not gated)');
}

// ---------------------------------------------------------------------------
// Worker: runs electronegativity's runner offline and writes report.json.

async function worker(input, reportPath, electronVersion) {
  const repoRequire = createRequire(path.join(REPO_ROOT, 'package.json'));
  const pkgPath = repoRequire.resolve('@doyensec/electronegativity/package.json');
  const egRequire = createRequire(pkgPath);

  // Offline: electronegativity fetches translations from S3 with `got` on every run
  // (and retries for seconds without a network). Make every request fail at once;
  // it then falls back to its bundled en-US strings.
  const gotPath = egRequire.resolve('got');
  const offline = () => Promise.reject(new Error('electronegativity-check runs offline'));
  offline.default = offline;
  offline.__esModule = true;
  const stub = new Module(gotPath);
  stub.filename = gotPath;
  stub.exports = offline;
  stub.loaded = true;
  Module._cache[gotPath] = stub;
  process.env.LANG = 'en-US';

  const run = egRequire('./dist/runner.js');
  const result = await run(
    {
      input,
      output: undefined,
      isSarif: false,
      customScan: [],
      excludeFromScan: EXCLUDED_CHECKS,
      severitySet: undefined,
      confidenceSet: undefined,
      isRelative: true,
      isVerbose: true,
      electronUpgrade: undefined,
      electronVersionOverride: electronVersion || undefined,
      parserPlugins: [],
    },
    false,
  );
  const report = {
    tool: 'electronegativity',
    version: egRequire('./package.json').version,
    electronVersion: electronVersion || null,
    checks: { atomic: result.atomicChecks, global: result.globalChecks },
    errors: result.errors.map((e) => ({ file: e.file, message: e.message, tolerable: Boolean(e.tolerable) })),
    issues: result.issues.map((i) => ({
      id: i.id,
      severity: i.severity?.name,
      confidence: i.confidence?.name,
      file: i.file,
      line: i.location?.line,
      column: i.location?.column,
      sample: typeof i.sample === 'string' ? truncate(i.sample, 300) : undefined,
      description: i.description,
      manualReview: Boolean(i.manualReview),
      url: `https://github.com/doyensec/electronegativity/wiki/${i.id}`,
    })),
  };
  fs.writeFileSync(reportPath, JSON.stringify(report, null, 2));
}

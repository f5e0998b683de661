#!/usr/bin/env node
// Extracts the log calls of the upstream Go sources that write the logs this project scans, at pinned tags, into
// src/core/logs/upstream/logCalls.json: which Go files log at all (so a file name seen in any line is known), and
// every call at level Warn/Warning/Error/Fatal/Panic with its message template (format verbs become `{}`), the
// first and last pinned tag that has it. Only these facts are written; no upstream code is copied.
//
// Inputs are bare git directories (no work tree needed), read with `git ls-tree` / `git cat-file`:
//   node scripts/upstream/extractLogCalls.mjs [--check] [--mirror DIR] [owner/name=GITDIR ...]
// DIR (or $UPSTREAM_MIRROR) holds one `owner+name/repo` git dir per repository (the layout the fetch tooling
// writes); `owner/name=GITDIR` overrides one repository. `--check` regenerates in memory and exits 1 if the
// committed JSON differs (exit 2 when an input is missing). Counts per repository and tag go to stderr.
// --rejected / --accepted also list the receivers of Warn+ method calls (not) taken for loggers. Node >= 20.
//
// Pinned tags, and why:
// - projectcalico/calico: the last patch of every minor v3.21 … v3.31 (v3.21.6 v3.22.5 v3.23.5 v3.24.6 v3.25.2
//   v3.26.5 v3.27.5 v3.28.5 v3.29.7 v3.30.7 v3.31.7), plus v3.29.2, a version shipped by many RKE2 releases.
// - Calico v3.20.6 predates the monorepo (its tag in projectcalico/calico holds only docs and manifests): it is read
//   from the split repositories at the code that release shipped, and mapped onto the monorepo's layout
//   (felix/…, node/…, cni-plugin/…, typha/…, kube-controllers/…, libcalico-go/…, confd/…, pod2daemon/…,
//   app-policy/…, calicoctl/…, apiserver/…). All but libcalico-go and confd have a v3.20.6 tag; libcalico-go is
//   pinned to the commit that node, cni-plugin and typha v3.20.6 require in go.mod (e9d17133c15c); confd's required
//   commit (9f1707a1ee9e) is not in the stored snapshot, so it is pinned to the head of its release-v3.20 branch
//   (e1376986, 2021-07-22).
// - tigera/operator: for each Calico version above, the last operator patch whose config/calico_versions.yml ships
//   it: v1.20.9 (v3.20.6) v1.23.8 (v3.21.6) v1.25.13 (v3.22.5) v1.27.17 (v3.23.5) v1.28.15 (v3.24.6) v1.29.8
//   (v3.25.2) v1.30.11 (v3.26.5) v1.32.13 (v3.27.5) v1.34.14 (v3.28.5) v1.36.16 (v3.29.7) v1.37.2 (v3.29.2)
//   v1.38.16 (v3.30.7) v1.40.15 (v3.31.7).
// - rancher/rke2: the last release of the four newest minors (v1.33 … v1.36) in the stored snapshot.
// - containerd/containerd, CRI plugin only (paths with a `cri` directory: pkg/cri, internal/cri, plugins/cri):
//   v1.7.34, v2.0.11, v2.1.9 (the last patch of each line), plus v2.2.7 and v2.3.4 because the RKE2 releases above
//   ship containerd 2.2 (v1.33–v1.35) and 2.3 (v1.36).
// - k3s-io/k3s and kubernetes/kubernetes are not read: their snapshots exceed what can be fetched here.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '..', '..');
const OUTPUT = path.join(ROOT, 'src', 'core', 'logs', 'upstream', 'logCalls.json');
const GENERATED_BY = 'scripts/upstream/extractLogCalls.mjs';

const CALICO_TAGS = [
  'v3.20.6', 'v3.21.6', 'v3.22.5', 'v3.23.5', 'v3.24.6', 'v3.25.2', 'v3.26.5', 'v3.27.5', 'v3.28.5',
  'v3.29.2', 'v3.29.7', 'v3.30.7', 'v3.31.7',
];
const CALICO_320_SPLIT = [
  { git: 'projectcalico/felix', ref: 'v3.20.6', prefix: 'felix/' },
  { git: 'projectcalico/node', ref: 'v3.20.6', prefix: 'node/' },
  { git: 'projectcalico/cni-plugin', ref: 'v3.20.6', prefix: 'cni-plugin/' },
  { git: 'projectcalico/typha', ref: 'v3.20.6', prefix: 'typha/' },
  { git: 'projectcalico/kube-controllers', ref: 'v3.20.6', prefix: 'kube-controllers/' },
  { git: 'projectcalico/libcalico-go', ref: 'e9d17133c15c79718d832dc8c2cf562bb195016e', prefix: 'libcalico-go/' },
  { git: 'projectcalico/confd', ref: 'e13769861ff234f7d7db7a3ca892553c9e7dc1c0', prefix: 'confd/' },
  { git: 'projectcalico/pod2daemon', ref: 'v3.20.6', prefix: 'pod2daemon/' },
  { git: 'projectcalico/app-policy', ref: 'v3.20.6', prefix: 'app-policy/' },
  { git: 'projectcalico/calicoctl', ref: 'v3.20.6', prefix: 'calicoctl/' },
  { git: 'projectcalico/apiserver', ref: 'v3.20.6', prefix: 'apiserver/' },
];
const OPERATOR_TAGS = [
  'v1.20.9', 'v1.23.8', 'v1.25.13', 'v1.27.17', 'v1.28.15', 'v1.29.8', 'v1.30.11', 'v1.32.13', 'v1.34.14',
  'v1.36.16', 'v1.37.2', 'v1.38.16', 'v1.40.15',
];
const RKE2_TAGS = ['v1.33.13+rke2r2', 'v1.34.10+rke2r1', 'v1.35.7+rke2r1', 'v1.36.3+rke2r1'];
const CONTAINERD_TAGS = ['v1.7.34', 'v2.0.11', 'v2.1.9', 'v2.2.7', 'v2.3.4'];

// Directories that hold no production code (tests, tooling, docs, generated fakes).
const SKIP_DIR = /(^|\/)(vendor|docs?|test|tests|testutils|testdata|testing|fv|e2e|hack|fake|fakes|mock|mocks|release|test-tools|integration|examples?)(\/|$)/;
const SKIP_FILE = /(_test\.go|\.pb\.go|_generated\.go|zz_generated[^/]*\.go|(^|\/)fake_[^/]*\.go|_fake\.go|(^|\/)mock_[^/]*\.go|bindata\.go)$/;
const GENERATED = /^\/\/ Code generated .* DO NOT EDIT\.$/m;

/**
 * One output repository. `printed` says what its log lines show as the file: 'base' (the file's base name) or null
 * (no file). `snapshots` are (tag, git repository, ref, path prefix) tuples, in tag order.
 */
const REPOS = [
  {
    repo: 'projectcalico/calico',
    printed: 'base',
    tags: CALICO_TAGS,
    snapshots: CALICO_TAGS.flatMap((tag) => (tag === 'v3.20.6'
      ? CALICO_320_SPLIT.map((s) => ({ tag, ...s }))
      : [{ tag, git: 'projectcalico/calico', ref: tag, prefix: '' }])),
    include: () => true,
  },
  {
    repo: 'tigera/operator',
    printed: null,
    logr: true,
    tags: OPERATOR_TAGS,
    snapshots: OPERATOR_TAGS.map((tag) => ({ tag, git: 'tigera/operator', ref: tag, prefix: '' })),
    include: () => true,
  },
  {
    repo: 'rancher/rke2',
    printed: null,
    tags: RKE2_TAGS,
    snapshots: RKE2_TAGS.map((tag) => ({ tag, git: 'rancher/rke2', ref: tag, prefix: '' })),
    include: () => true,
  },
  {
    repo: 'containerd/containerd',
    printed: null,
    tags: CONTAINERD_TAGS,
    snapshots: CONTAINERD_TAGS.map((tag) => ({ tag, git: 'containerd/containerd', ref: tag, prefix: '' })),
    include: (p) => /(^|\/)cri\//.test(p),
  },
];

const NOTES = [
  'How Calico prints the file: only the base name of the Go source file, e.g. `route_table.go`, never its directory. '
    + 'From v3.29 libcalico-go/lib/logutils/logutils.go, func getFileInfo, returns path.Base(entry.Caller.File) (logrus '
    + 'SetReportCaller(true) in init); before v3.29 (and in libcalico-go v3.20) func (ContextHook) Fire stores '
    + 'path.Base(frame.File) of the first frame outside logrus and logutils in the __file__ field, which '
    + 'func (*Formatter) Format prints.',
  'What precedes the file name is the Formatter\'s Component, not a directory: Format (computeInfix from v3.29) writes '
    + '`<time> [LEVEL][pid] <component>/<file>.go <line>: <message>` when Component is set and '
    + '`<time> [LEVEL][pid] <file>.go <line>: <message>` when not. So `felix/route_table.go` is component `felix` + '
    + 'felix/routetable/route_table.go, and `startup/startup.go` is calico-node run as `-startup`. The components and '
    + 'where they are set (logutils.ConfigureFormatter("…") or &logutils.Formatter{Component: "…"}) are in `components`. '
    + 'A libcalico-go file is printed with the component of whichever binary runs it.',
  'Syslog output (func FormatForSyslog) prints `LEVEL <file>.go <line>: <message>` with the same base name.',
  '`printed` is null where the logger prints no file: tigera/operator logs JSON through controller-runtime\'s zap '
    + 'logger (main.go, cmd/main.go from v1.37: zap.New(zap.WriteTo(os.Stdout), zap.UseFlagOptions(&opts)) with '
    + 'zap.Options{} bound to flags, so production mode unless --zap-devel is passed), which carries '
    + '`"logger":"…"` (see `loggers`) and no caller; rancher/rke2 and containerd log through logrus\'s text formatter '
    + 'without the caller.',
  'Messages: string literals and + concatenations of them; a non-literal operand becomes `{}`, as does every format '
    + 'verb (%v %s %d %q %w %+v %[1]d …); %% becomes %. Print-style calls (Error, Warn, …) join their operands as '
    + 'fmt.Sprint does. fmt.Sprintf("…", …) as the message is unwrapped. A call whose message has no literal at all '
    + 'or none but `{}` and punctuation ("", "%v", "{}: {}") is skipped and counted in `sources[].counts[].skippedNonLiteral`. '
    + 'Trailing whitespace is trimmed.',
  'Levels: logrus Warn/Warnf/Warnln/Warning/Warningf/Warningln → warning; Error/Errorf/Errorln → error; '
    + 'Fatal/Fatalf/Fatalln → fatal; Panic/Panicf/Panicln → panic. logr (tigera/operator) Error(err, "msg", k, v…) → '
    + 'error with the second argument as message; klog ErrorS(err, "msg", …) → error; Exit/Exitf → fatal.',
  'Skipped: _test.go, vendor/, docs, tests and test tooling directories (fv, e2e, test, testutils, hack, release, '
    + 'integration…), fakes and mocks, and files marked `// Code generated … DO NOT EDIT.`.',
  'first/last are the first and last pinned tag (in the order of `sources[].tags`) that have the file or call; a '
    + 'call may be absent from tags in between.',
  'Calico v3.20.6 is read from the split repositories (felix, node, cni-plugin, typha, kube-controllers, '
    + 'libcalico-go, confd, pod2daemon, app-policy, calicoctl, apiserver) and mapped onto the monorepo layout; `package` is the Go import path at the newest pinned '
    + 'tag that has the file.',
];

// ---------------------------------------------------------------------------------------------------------------
// Git access

function git(gitDir, args, input) {
  const result = spawnSync('git', ['-C', gitDir, ...args], { input, maxBuffer: 1 << 30 });
  if (result.status !== 0) {
    throw new Error(`git ${args.join(' ')} in ${gitDir} failed: ${String(result.stderr)}`);
  }
  return result.stdout;
}

function listTree(gitDir, ref) {
  const out = git(gitDir, ['ls-tree', '-r', '-z', ref]).toString('utf8');
  const entries = [];
  for (const record of out.split('\0')) {
    if (!record) continue;
    const tab = record.indexOf('\t');
    const [, type, sha] = record.slice(0, tab).split(' ');
    if (type === 'blob') entries.push({ sha, path: record.slice(tab + 1) });
  }
  return entries;
}

function readBlobs(gitDir, shas) {
  const blobs = new Map();
  if (shas.length === 0) return blobs;
  const out = git(gitDir, ['cat-file', '--batch'], shas.join('\n') + '\n');
  let pos = 0;
  while (pos < out.length) {
    const eol = out.indexOf(10, pos);
    const [sha, , size] = out.subarray(pos, eol).toString('utf8').split(' ');
    const start = eol + 1;
    const end = start + Number(size);
    blobs.set(sha, out.subarray(start, end).toString('utf8'));
    pos = end + 1;
  }
  return blobs;
}

// ---------------------------------------------------------------------------------------------------------------
// Go lexing

const IDENT_START = /[\p{L}_]/u;
const IDENT_PART = /[\p{L}\p{N}_]/u;

function decodeGoString(body) {
  return body.replace(/\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|[0-7]{3}|.)/g, (_, e) => {
    switch (e[0]) {
      case 'n': return '\n';
      case 't': return '\t';
      case 'r': return '\r';
      case 'a': case 'b': case 'f': case 'v': return ' ';
      case 'x': case 'u': case 'U': return String.fromCodePoint(parseInt(e.slice(1), 16));
      default: return /^[0-7]{3}$/.test(e) ? String.fromCodePoint(parseInt(e, 8)) : e;
    }
  });
}

/** Tokens: { t: 'id' | 'str' | 'other' | 'p', v, line }. Comments are dropped. */
function tokenize(src) {
  const tokens = [];
  let i = 0;
  let line = 1;
  const n = src.length;
  while (i < n) {
    const c = src[i];
    if (c === '\n') { line++; i++; continue; }
    if (c === ' ' || c === '\t' || c === '\r') { i++; continue; }
    if (c === '/' && src[i + 1] === '/') {
      while (i < n && src[i] !== '\n') i++;
      continue;
    }
    if (c === '/' && src[i + 1] === '*') {
      const end = src.indexOf('*/', i + 2);
      const stop = end < 0 ? n : end + 2;
      for (let k = i; k < stop; k++) if (src[k] === '\n') line++;
      i = stop;
      continue;
    }
    if (c === '"') {
      let j = i + 1;
      while (j < n && src[j] !== '"' && src[j] !== '\n') j += src[j] === '\\' ? 2 : 1;
      tokens.push({ t: 'str', v: decodeGoString(src.slice(i + 1, j)), line });
      i = j + 1;
      continue;
    }
    if (c === '`') {
      const end = src.indexOf('`', i + 1);
      const stop = end < 0 ? n : end;
      const v = src.slice(i + 1, stop);
      tokens.push({ t: 'str', v: v.replace(/\r/g, ''), line });
      for (const ch of v) if (ch === '\n') line++;
      i = stop + 1;
      continue;
    }
    if (c === '\'') {
      let j = i + 1;
      while (j < n && src[j] !== '\'' && src[j] !== '\n') j += src[j] === '\\' ? 2 : 1;
      tokens.push({ t: 'other', v: src.slice(i, j + 1), line });
      i = j + 1;
      continue;
    }
    if (IDENT_START.test(c)) {
      let j = i + 1;
      while (j < n && IDENT_PART.test(src[j])) j++;
      tokens.push({ t: 'id', v: src.slice(i, j), line });
      i = j;
      continue;
    }
    if (c >= '0' && c <= '9') {
      let j = i + 1;
      while (j < n && /[0-9a-zA-Z_.]/.test(src[j])) j++;
      tokens.push({ t: 'other', v: src.slice(i, j), line });
      i = j;
      continue;
    }
    tokens.push({ t: 'p', v: c, line });
    i++;
  }
  return tokens;
}

// ---------------------------------------------------------------------------------------------------------------
// Log call recognition

const LEVEL_OF_METHOD = new Map([
  ...['Warn', 'Warnf', 'Warnln', 'Warning', 'Warningf', 'Warningln', 'WarningS', 'WarningDepth'].map((m) => [m, 'warning']),
  ...['Error', 'Errorf', 'Errorln', 'ErrorS', 'ErrorDepth'].map((m) => [m, 'error']),
  ...['Fatal', 'Fatalf', 'Fatalln', 'FatalDepth', 'Exit', 'Exitf', 'Exitln', 'ExitDepth'].map((m) => [m, 'fatal']),
  ...['Panic', 'Panicf', 'Panicln'].map((m) => [m, 'panic']),
  ...['Info', 'Infof', 'Infoln', 'InfoS', 'Debug', 'Debugf', 'Debugln', 'Trace', 'Tracef', 'Traceln', 'Print',
    'Printf', 'Println'].map((m) => [m, 'info']),
]);

// A receiver is a logger when one of its names says so (log, logger, logCxt, reqLogger, klog, logrus, …) or it is
// built by a logger method (WithField(s), WithError, WithValues, WithName, log.G(ctx), log.L).
const LOGGER_NAME = /^([a-z]{0,2}log[a-z0-9]?|rll?|logs|logger|logrus|klog|glog|l|lg|lgr|entry|logEntry|zlog)$|^log(ger)?[A-Z_0-9]|(^|[a-z])Log(ger|Cxt|Ctx|Entry)?$|[a-z]Log(ger)?[A-Z]/;
const LOGGER_BUILDER = new Set(['WithField', 'WithFields', 'WithError', 'WithValues', 'WithName', 'WithContext',
  'WithTime', 'G', 'L', 'FromContext', 'LoggerFrom']);
const NOT_LOGGER_ROOT = new Set(['fmt', 'errors', 'pkgerrors', 'xerrors', 'cerrors', 'status', 'grpcstatus', 'http',
  'testing', 't', 'b', 'tb', 'assert', 'require', 'os', 'errdefs', 'apierrors', 'kerrors', 'utilerrors',
  'multierror', 'field']);

function matchClose(tokens, open) {
  let depth = 0;
  for (let k = open; k < tokens.length; k++) {
    const { t, v } = tokens[k];
    if (t !== 'p') continue;
    if (v === '(' || v === '[' || v === '{') depth++;
    else if (v === ')' || v === ']' || v === '}') {
      depth--;
      if (depth === 0) return k;
    }
  }
  return -1;
}

function matchOpen(tokens, close) {
  let depth = 0;
  for (let k = close; k >= 0; k--) {
    const { t, v } = tokens[k];
    if (t !== 'p') continue;
    if (v === ')' || v === ']' || v === '}') depth++;
    else if (v === '(' || v === '[' || v === '{') {
      depth--;
      if (depth === 0) return k;
    }
  }
  return -1;
}

/** The receiver chain before tokens[dot] ('.'), as [{ name, call: args|null }], outermost first. */
function receiverChain(tokens, dot) {
  const chain = [];
  let k = dot - 1;
  for (;;) {
    let args = null;
    if (k >= 0 && tokens[k].t === 'p' && tokens[k].v === ']') {
      const open = matchOpen(tokens, k);
      if (open < 0) break;
      k = open - 1;
    }
    if (k >= 0 && tokens[k].t === 'p' && tokens[k].v === ')') {
      const open = matchOpen(tokens, k);
      if (open < 0) break;
      args = splitArgs(tokens, open, k);
      k = open - 1;
    }
    if (k < 0 || tokens[k].t !== 'id') break;
    chain.unshift({ name: tokens[k].v, call: args });
    k--;
    if (k >= 0 && tokens[k].t === 'p' && tokens[k].v === '.') {
      k--;
      continue;
    }
    break;
  }
  return chain;
}

function splitArgs(tokens, open, close) {
  const args = [];
  let current = [];
  let depth = 0;
  for (let k = open + 1; k < close; k++) {
    const tok = tokens[k];
    if (tok.t === 'p') {
      if (tok.v === '(' || tok.v === '[' || tok.v === '{') depth++;
      else if (tok.v === ')' || tok.v === ']' || tok.v === '}') depth--;
      else if (tok.v === ',' && depth === 0) {
        args.push(current);
        current = [];
        continue;
      }
    }
    current.push(tok);
  }
  if (current.length > 0) args.push(current);
  return args;
}

function isLoggerChain(chain) {
  // fmt.Errorf, errors.Errorf, status.Error, t.Fatalf: not loggers, unless a later name is (t.logCxt.Warn).
  const names = NOT_LOGGER_ROOT.has(chain[0]?.name ?? '') ? chain.slice(1) : chain;
  return names.some((s) => LOGGER_NAME.test(s.name) || (s.call !== null && LOGGER_BUILDER.has(s.name)));
}

/** An argument as a template: literals and `+` operands; null when it has no literal at all. */
function argTemplate(arg) {
  if (arg.length >= 4 && arg[0].v === 'fmt' && arg[1].v === '.' && arg[2].v === 'Sprintf' && arg[3].v === '(') {
    const close = matchClose(arg, 3);
    if (close === arg.length - 1) {
      const inner = splitArgs(arg, 3, close);
      const format = inner.length > 0 ? argTemplate(inner[0]) : null;
      return format === null ? null : { text: formatToTemplate(format.raw), raw: format.raw };
    }
  }
  const operands = [];
  let current = [];
  let depth = 0;
  for (const tok of arg) {
    if (tok.t === 'p' && '([{'.includes(tok.v)) depth++;
    if (tok.t === 'p' && ')]}'.includes(tok.v)) depth--;
    if (tok.t === 'p' && tok.v === '+' && depth === 0) {
      operands.push(current);
      current = [];
      continue;
    }
    current.push(tok);
  }
  operands.push(current);
  let literal = false;
  let raw = '';
  for (const op of operands) {
    if (op.length === 1 && op[0].t === 'str') {
      literal = true;
      raw += op[0].v;
    } else {
      raw += '{}';
    }
  }
  return literal ? { text: raw, raw } : null;
}

const VERB = /%%|%(?:\[\d+\])?[-+# 0]*(?:\*|\d+)?(?:\.(?:\*|\d+)?)?(?:\[\d+\])?[a-zA-Z]/g;

function formatToTemplate(format) {
  return format.replace(VERB, (m) => (m === '%%' ? '%' : '{}'));
}

function isLiteralArg(arg) {
  return argTemplate(arg) !== null;
}

/** The message template of a log call, or null when it has none that is literal. */
function messageOf(method, args, logr) {
  if (args.length === 0) return null;
  if (method.endsWith('f')) {
    const format = argTemplate(args[0]);
    return format === null ? null : formatToTemplate(format.raw);
  }
  if (method.endsWith('S')) {
    const arg = method === 'ErrorS' ? args[1] : args[0];
    const msg = arg ? argTemplate(arg) : null;
    return msg === null ? null : msg.text;
  }
  if (method === 'Error' && logr && args.length >= 2 && !isLiteralArg(args[0])) {
    const msg = argTemplate(args[1]);
    return msg === null ? null : msg.text;
  }
  if (method.endsWith('Depth')) args = args.slice(1);
  const ln = method.endsWith('ln');
  let text = '';
  let literal = false;
  let previousString = true;
  args.forEach((arg, index) => {
    const t = argTemplate(arg);
    const isString = t !== null;
    if (index > 0 && (ln || (!isString && !previousString))) text += ' ';
    if (isString) literal = true;
    text += isString ? t.text : '{}';
    previousString = isString;
  });
  return literal ? text : null;
}

/** With --rejected: receivers of Warn+ method calls that were not taken for loggers, and how often. */
let REJECTED = null;
let ACCEPTED = null;

/** Log calls and logger names found in one Go source. */
function analyze(src, logr) {
  const tokens = tokenize(src);
  const calls = [];
  const loggers = [];
  const components = [];
  let logs = false;
  let skippedNonLiteral = 0;
  // A message with no literal text (none at all, "", "%v", "{}: {}") says nothing: counted, not recorded.
  const record = (level, message) => {
    const text = message === null ? '' : message.replace(/\s+$/, '');
    if (text.replace(/\{\}/g, '').replace(/[\s\p{P}]/gu, '') === '') skippedNonLiteral++;
    else calls.push({ level, message: text });
  };
  for (let k = 1; k + 1 < tokens.length; k++) {
    const tok = tokens[k];
    if (tok.t !== 'id' || tokens[k - 1].v !== '.' || tokens[k - 1].t !== 'p') continue;
    if (tokens[k + 1].t !== 'p' || tokens[k + 1].v !== '(') continue;
    const method = tok.v;
    if (method === 'WithName' || method === 'ConfigureFormatter') {
      const close = matchClose(tokens, k + 1);
      const args = close < 0 ? [] : splitArgs(tokens, k + 1, close);
      if (args.length === 1 && args[0].length === 1 && args[0][0].t === 'str') {
        if (method === 'ConfigureFormatter') {
          components.push(args[0][0].v);
        } else if (!(tokens[close + 1]?.v === '.' && tokens[close + 2]?.v === 'WithName')) {
          // Only the whole name of a chain: ctrl.Log.WithName("controllers").WithName("IPPool") → controllers.IPPool.
          const chain = receiverChain(tokens, k - 1);
          const prefix = chain.filter((s) => s.name === 'WithName' && s.call && s.call.length === 1
            && s.call[0].length === 1 && s.call[0][0].t === 'str').map((s) => s.call[0][0].v);
          loggers.push([...prefix, args[0][0].v].join('.'));
        }
      }
      continue;
    }
    if (logr && method === 'SetDegraded') {
      // tigera/operator's status manager: SetDegraded(reason, msg, err, logger) logs logger.Error(err, msg).
      const close = matchClose(tokens, k + 1);
      const args = close < 0 ? [] : splitArgs(tokens, k + 1, close);
      if (args.length !== 4) continue;
      logs = true;
      const msg = argTemplate(args[1]);
      record('error', msg === null ? null : msg.text);
      continue;
    }
    const level = LEVEL_OF_METHOD.get(method);
    if (level === undefined) continue;
    const chain = receiverChain(tokens, k - 1);
    if (ACCEPTED !== null && isLoggerChain(chain) && level !== 'info') {
      const key = `${chain.map((s) => s.name + (s.call ? '()' : '')).join('.')}.${method}`;
      ACCEPTED.set(key, (ACCEPTED.get(key) ?? 0) + 1);
    }
    if (!isLoggerChain(chain)) {
      if (REJECTED !== null && chain.length > 0 && level !== 'info') {
        const key = `${chain.map((s) => s.name + (s.call ? '()' : '')).join('.')}.${method}`;
        REJECTED.set(key, (REJECTED.get(key) ?? 0) + 1);
      }
      continue;
    }
    const close = matchClose(tokens, k + 1);
    if (close < 0) continue;
    const args = splitArgs(tokens, k + 1, close);
    if (args.length === 0) continue;
    logs = true;
    if (level === 'info') continue;
    record(level, messageOf(method, args, logr));
  }
  // &logutils.Formatter{Component: "felix"}
  for (let k = 0; k + 4 < tokens.length; k++) {
    if (tokens[k].v === 'Formatter' && tokens[k + 1].v === '{' && tokens[k + 2].v === 'Component'
      && tokens[k + 3].v === ':' && tokens[k + 4].t === 'str') {
      components.push(tokens[k + 4].v);
    }
  }
  return { logs, calls, loggers, components, skippedNonLiteral };
}

// ---------------------------------------------------------------------------------------------------------------
// Extraction

function moduleOf(modules, filePath) {
  let best = null;
  for (const [dir, module] of modules) {
    if (dir === '' || filePath.startsWith(dir + '/')) {
      if (best === null || dir.length > best[0].length) best = [dir, module];
    }
  }
  if (best === null) return null;
  const rel = path.posix.dirname(filePath.slice(best[0] === '' ? 0 : best[0].length + 1));
  return rel === '.' ? best[1] : `${best[1]}/${rel}`;
}

function resolveGitDirs(argv) {
  const overrides = new Map();
  let mirror = process.env.UPSTREAM_MIRROR ?? null;
  let check = false;
  for (let k = 0; k < argv.length; k++) {
    const arg = argv[k];
    if (arg === '--check') check = true;
    else if (arg === '--rejected') REJECTED = new Map();
    else if (arg === '--accepted') ACCEPTED = new Map();
    else if (arg === '--mirror') mirror = argv[++k];
    else if (arg.includes('=')) {
      const eq = arg.indexOf('=');
      overrides.set(arg.slice(0, eq), arg.slice(eq + 1));
    } else {
      throw new Error(`unknown argument ${arg}`);
    }
  }
  const gitDirOf = (repo) => {
    const dir = overrides.get(repo) ?? (mirror ? path.join(mirror, repo.replace('/', '+'), 'repo') : null);
    if (dir === null || !existsSync(dir)) {
      throw new Error(`no git directory for ${repo}: pass --mirror DIR (or UPSTREAM_MIRROR) or ${repo}=GITDIR`);
    }
    return dir;
  };
  return { gitDirOf, check };
}

function extract(gitDirOf) {
  const analysisCache = new Map();
  const files = new Map();
  const calls = new Map();
  const loggers = new Map();
  const components = new Map();
  const sources = [];
  const touch = (map, key, make, tagIndex, tags) => {
    let entry = map.get(key);
    if (!entry) {
      entry = { ...make(), firstIndex: tagIndex, lastIndex: tagIndex };
      map.set(key, entry);
    }
    entry.firstIndex = Math.min(entry.firstIndex, tagIndex);
    if (tagIndex >= entry.lastIndex) {
      entry.lastIndex = tagIndex;
      Object.assign(entry, make());
    }
    entry.first = tags[entry.firstIndex];
    entry.last = tags[entry.lastIndex];
    return entry;
  };

  for (const spec of REPOS) {
    const counts = new Map(spec.tags.map((tag) => [tag, {
      tag, files: 0, loggingFiles: 0, warnPlusCalls: 0, error: 0, warning: 0, fatal: 0, panic: 0, skippedNonLiteral: 0,
    }]));
    const refs = [];
    for (const snap of spec.snapshots) {
      const tagIndex = spec.tags.indexOf(snap.tag);
      const gitDir = gitDirOf(snap.git);
      const commit = git(gitDir, ['rev-parse', `${snap.ref}^{commit}`]).toString('utf8').trim();
      refs.push({ tag: snap.tag, repo: snap.git, ref: snap.ref, commit, ...(snap.prefix ? { mappedTo: snap.prefix } : {}) });
      const tree = listTree(gitDir, snap.ref);
      const modules = new Map();
      const goMods = tree.filter((e) => e.path === 'go.mod' || e.path.endsWith('/go.mod'));
      const goModBlobs = readBlobs(gitDir, goMods.map((e) => e.sha));
      for (const e of goMods) {
        const m = /^module\s+(\S+)/m.exec(goModBlobs.get(e.sha) ?? '');
        if (m) modules.set(path.posix.dirname(e.path) === '.' ? '' : path.posix.dirname(e.path), m[1]);
      }
      const goFiles = tree.filter((e) => e.path.endsWith('.go') && !SKIP_DIR.test(e.path) && !SKIP_FILE.test(e.path)
        && spec.include(e.path));
      const missing = [...new Set(goFiles.map((e) => e.sha).filter((sha) => !analysisCache.has(sha)))];
      const blobs = readBlobs(gitDir, missing);
      for (const sha of missing) {
        const src = blobs.get(sha) ?? '';
        analysisCache.set(sha, GENERATED.test(src.slice(0, 2000)) ? null : analyze(src, spec.logr === true));
      }
      const count = counts.get(snap.tag);
      for (const e of goFiles) {
        const a = analysisCache.get(e.sha);
        if (!a) continue;
        count.files++;
        const fullPath = snap.prefix + e.path;
        const pkg = moduleOf(modules, e.path);
        for (const name of a.components) {
          touch(components, `${fullPath}\0${name}`, () => ({ repo: spec.repo, component: name, path: fullPath }),
            tagIndex, spec.tags);
        }
        for (const name of a.loggers) {
          touch(loggers, `${fullPath}\0${name}`, () => ({ repo: spec.repo, name, path: fullPath }), tagIndex, spec.tags);
        }
        if (!a.logs) continue;
        count.loggingFiles++;
        count.skippedNonLiteral += a.skippedNonLiteral;
        touch(files, fullPath, () => ({
          repo: spec.repo,
          printed: spec.printed === 'base' ? path.posix.basename(fullPath) : null,
          path: fullPath,
          package: pkg,
        }), tagIndex, spec.tags);
        for (const c of a.calls) {
          count.warnPlusCalls++;
          count[c.level]++;
          touch(calls, `${fullPath}\0${c.level}\0${c.message}`,
            () => ({ repo: spec.repo, path: fullPath, level: c.level, message: c.message }), tagIndex, spec.tags);
        }
      }
    }
    sources.push({ repo: spec.repo, tags: spec.tags, refs, counts: [...counts.values()] });
  }

  const strip = (entry) => {
    const rest = { ...entry };
    delete rest.firstIndex;
    delete rest.lastIndex;
    return rest;
  };
  const order = (keys) => (a, b) => {
    for (const key of keys) {
      const x = String(a[key]);
      const y = String(b[key]);
      if (x !== y) return x < y ? -1 : 1;
    }
    return 0;
  };
  return {
    generatedBy: GENERATED_BY,
    notes: NOTES,
    sources,
    components: [...components.values()].map(strip).sort(order(['repo', 'component', 'path'])),
    loggers: [...loggers.values()].map(strip).sort(order(['repo', 'name', 'path'])),
    files: [...files.values()].map(strip).sort(order(['repo', 'path'])),
    calls: [...calls.values()].map(strip).sort(order(['repo', 'path', 'level', 'message'])),
  };
}

/** JSON with one array element per line: small diffs, still compact. */
function serialize(doc) {
  const parts = Object.entries(doc).map(([key, value]) => {
    if (Array.isArray(value)) {
      const items = value.map((item) => `    ${JSON.stringify(item)}`);
      return `  ${JSON.stringify(key)}: [\n${items.join(',\n')}\n  ]`;
    }
    return `  ${JSON.stringify(key)}: ${JSON.stringify(value)}`;
  });
  return `{\n${parts.join(',\n')}\n}\n`;
}

function report(doc) {
  for (const source of doc.sources) {
    for (const c of source.counts) {
      process.stderr.write(`${source.repo} ${c.tag}: ${c.files} Go files, ${c.loggingFiles} log, ${c.warnPlusCalls} warn+ calls `
        + `(error ${c.error}, warning ${c.warning}, fatal ${c.fatal}, panic ${c.panic}), ${c.skippedNonLiteral} skipped (non-literal)\n`);
    }
    const files = doc.files.filter((f) => f.repo === source.repo).length;
    const calls = doc.calls.filter((c) => c.repo === source.repo).length;
    process.stderr.write(`${source.repo}: ${files} files, ${calls} distinct warn+ calls\n`);
  }
}

function main() {
  const { gitDirOf, check } = resolveGitDirs(process.argv.slice(2));
  const doc = extract(gitDirOf);
  const text = serialize(doc);
  report(doc);
  for (const [label, map] of [['rejected', REJECTED], ['accepted', ACCEPTED]]) {
    if (map === null) continue;
    for (const [key, count] of [...map].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))) {
      process.stderr.write(`${label} ${count} ${key}\n`);
    }
  }
  process.stderr.write(`${path.relative(ROOT, OUTPUT)}: ${Buffer.byteLength(text)} bytes\n`);
  if (check) {
    const committed = existsSync(OUTPUT) ? readFileSync(OUTPUT, 'utf8') : '';
    if (committed !== text) {
      process.stderr.write(`${path.relative(ROOT, OUTPUT)} differs from a fresh extraction\n`);
      process.exitCode = 1;
    } else {
      process.stderr.write('up to date\n');
    }
    return;
  }
  mkdirSync(path.dirname(OUTPUT), { recursive: true });
  writeFileSync(OUTPUT, text);
}

try {
  main();
} catch (error) {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 2;
}

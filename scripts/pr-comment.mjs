#!/usr/bin/env node
// Posts or updates ONE pull-request comment holding tightrole's diff, found again by a hidden marker.
// Used by action.yml; runs with plain Node 20 and the GitHub CLI (`gh`), no dependencies.
//
//   node scripts/pr-comment.mjs --repo OWNER/NAME --pr NUMBER [--author LOGIN] [--dry-run] FILE...
//
// Each FILE is one `tightrole diff --format markdown` output. The pure part (find the comment, decide
// create / update / nothing, build the body under GitHub's limit) is exported and unit-tested.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import process from 'node:process';
import { fileURLToPath } from 'node:url';

/** The hidden marker that identifies tightrole's comment. */
export const MARKER = '<!-- tightrole-diff -->';
/** GitHub refuses longer comment bodies. */
export const GITHUB_COMMENT_LIMIT = 65536;

/**
 * The comment body: the marker, then each report (one per role) separated by a rule. When the whole
 * exceeds `limit`, later reports are replaced by a line saying they were cut.
 * @param {string[]} reports @param {{ limit?: number }} [options] @returns {string}
 */
export function buildBody(reports, options = {}) {
  const limit = options.limit ?? GITHUB_COMMENT_LIMIT;
  const parts = reports.map((r) => r.trim()).filter((r) => r.length > 0);
  if (parts.length === 0) parts.push('tightrole diff produced no report.');
  const cutNote = (n) =>
    `_${n} more report(s) cut to keep this comment under GitHub's ${limit}-character limit; see the workflow log._`;
  for (let keep = parts.length; keep >= 0; keep--) {
    const kept = parts.slice(0, keep);
    if (keep < parts.length) kept.push(cutNote(parts.length - keep));
    const body = `${MARKER}\n${kept.join('\n\n---\n\n')}\n`;
    if (body.length <= limit) return body;
  }
  return `${MARKER}\n${cutNote(parts.length)}\n`;
}

/**
 * tightrole's existing comment: the oldest one that carries the marker and, when `author` is given,
 * was written by that login (so a marker pasted by someone else is never taken over).
 * @param {{ id: number, body?: string | null, user?: { login?: string } | null }[]} comments
 * @param {{ marker?: string, author?: string }} [options]
 */
export function findComment(comments, options = {}) {
  const marker = options.marker ?? MARKER;
  return comments.find(
    (c) => (c.body ?? '').includes(marker) && (!options.author || c.user?.login === options.author),
  );
}

/**
 * What to do: create a comment, update ours, or nothing when ours already says the same.
 * @returns {{ action: 'create' } | { action: 'update', id: number } | { action: 'none', id: number }}
 */
export function planUpsert(comments, body, options = {}) {
  const existing = findComment(comments, options);
  if (!existing) return { action: 'create' };
  return existing.body === body ? { action: 'none', id: existing.id } : { action: 'update', id: existing.id };
}

/** Parses `--repo`, `--pr`, `--author`, `--dry-run` and the report files. */
export function parseArgs(argv) {
  const out = { files: [], dryRun: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--repo' || arg === '--pr' || arg === '--author') out[arg.slice(2)] = argv[++i];
    else if (arg === '--dry-run') out.dryRun = true;
    else out.files.push(arg);
  }
  if (!/^[\w.-]+\/[\w.-]+$/.test(out.repo ?? '')) throw new Error('--repo OWNER/NAME is required');
  if (!/^\d+$/.test(out.pr ?? '')) throw new Error('--pr NUMBER is required');
  if (out.files.length === 0) throw new Error('give at least one markdown report file');
  return out;
}

function gh(args, input) {
  return execFileSync('gh', args, { encoding: 'utf8', input, stdio: ['pipe', 'pipe', 'inherit'] });
}

function listComments(repo, pr) {
  const lines = gh([
    'api',
    '--paginate',
    `repos/${repo}/issues/${pr}/comments`,
    '--jq',
    '.[] | {id, body, user: {login: .user.login}}',
  ]);
  return lines
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l));
}

function send(method, path, body) {
  const dir = mkdtempSync(join(tmpdir(), 'tightrole-comment-'));
  try {
    const payload = join(dir, 'payload.json');
    writeFileSync(payload, JSON.stringify({ body }));
    gh(['api', '-X', method, path, '--input', payload]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function run(argv) {
  const args = parseArgs(argv);
  const body = buildBody(args.files.map((f) => readFileSync(f, 'utf8')));
  if (args.dryRun) return void process.stdout.write(body);
  const plan = planUpsert(listComments(args.repo, args.pr), body, { author: args.author });
  if (plan.action === 'create') send('POST', `repos/${args.repo}/issues/${args.pr}/comments`, body);
  if (plan.action === 'update') send('PATCH', `repos/${args.repo}/issues/comments/${plan.id}`, body);
  process.stderr.write(`tightrole: PR comment ${plan.action === 'none' ? 'unchanged' : `${plan.action}d`}\n`);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  run(process.argv.slice(2)).catch((error) => {
    process.stderr.write(`pr-comment: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
}

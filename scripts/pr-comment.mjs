#!/usr/bin/env node
// Posts or updates ONE pull-request comment holding tightrole's diff, found again by a hidden marker.
// Used by action.yml; plain Node 20.19+ (global fetch), no dependencies, no `gh`.
//
//   node scripts/pr-comment.mjs --repo OWNER/NAME --pr NUMBER [--author LOGIN] [--api-url URL] [--dry-run] FILE...
//
// Each FILE is one `tightrole diff --format markdown` output. The token is GH_TOKEN or GITHUB_TOKEN;
// the API is --api-url, else GITHUB_API_URL (set by the runner, also on GitHub Enterprise), else
// https://api.github.com. The pure part (find the comment, decide create / update / nothing, build the
// body under GitHub's limit) is exported and unit-tested; the REST part is tested against a local
// server speaking the GitHub issue-comments API.
import { readFileSync } from 'node:fs';
import process from 'node:process';
import { fileURLToPath } from 'node:url';

/* global fetch, URL -- Node 20's globals */

/** The hidden marker that identifies tightrole's comment: the first line of its body. */
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
 * tightrole's existing comment: the oldest one whose body STARTS with the marker, whoever wrote it
 * (another token, a GitHub App, a personal token: the same comment is found again). A reply quoting
 * the comment (`> <!-- ...`) or mentioning the marker mid-text is never taken. `author`, when given,
 * narrows the search to that login.
 * @param {{ id: number, body?: string | null, user?: { login?: string } | null }[]} comments
 * @param {{ marker?: string, author?: string }} [options]
 */
export function findComment(comments, options = {}) {
  const marker = options.marker ?? MARKER;
  return comments.find(
    (c) => (c.body ?? '').startsWith(marker) && (!options.author || c.user?.login === options.author),
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

/** Parses `--repo`, `--pr`, `--author`, `--api-url`, `--dry-run` and the report files. */
export function parseArgs(argv) {
  const out = { files: [], dryRun: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--repo' || arg === '--pr' || arg === '--author') out[arg.slice(2)] = argv[++i];
    else if (arg === '--api-url') out.apiUrl = argv[++i];
    else if (arg === '--dry-run') out.dryRun = true;
    else out.files.push(arg);
  }
  if (!/^[\w.-]+\/[\w.-]+$/.test(out.repo ?? '')) throw new Error('--repo OWNER/NAME is required');
  if (!/^\d+$/.test(out.pr ?? '')) throw new Error('--pr NUMBER is required');
  if (out.apiUrl !== undefined && !/^https?:\/\/[^\s]+$/.test(out.apiUrl))
    throw new Error('--api-url must be an http(s) URL');
  if (out.files.length === 0) throw new Error('give at least one markdown report file');
  return out;
}

/** The `rel="next"` URL of a GitHub `Link` header, if any. */
export function nextLink(header) {
  for (const part of (header ?? '').split(',')) {
    const m = /<([^>]+)>\s*;\s*rel="next"/.exec(part);
    if (m) return m[1];
  }
  return undefined;
}

/** A minimal GitHub REST client for issue comments (list with pagination, create, update). */
export function githubClient({ apiUrl, token, fetchImpl = fetch }) {
  const base = apiUrl.replace(/\/+$/, '');
  const request = async (method, url, body) => {
    const res = await fetchImpl(url, {
      method,
      headers: {
        accept: 'application/vnd.github+json',
        'x-github-api-version': '2022-11-28',
        'user-agent': 'tightrole-pr-comment',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body ? { 'content-type': 'application/json' } : {}),
      },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    if (!res.ok) {
      const text = await res.text().catch(() => '');
      throw new Error(`${method} ${new URL(url).pathname}: HTTP ${res.status} ${text.slice(0, 300)}`);
    }
    return res;
  };
  return {
    /** Every comment of the pull request, following `Link: rel="next"` to the last page. */
    async listComments(repo, pr) {
      const all = [];
      let url = `${base}/repos/${repo}/issues/${pr}/comments?per_page=100`;
      for (let pages = 0; url && pages < 1000; pages++) {
        const res = await request('GET', url);
        const page = await res.json();
        if (!Array.isArray(page)) throw new Error('listing comments: the API did not return an array');
        all.push(...page);
        url = nextLink(res.headers.get('link'));
      }
      return all;
    },
    async createComment(repo, pr, body) {
      return (await request('POST', `${base}/repos/${repo}/issues/${pr}/comments`, { body })).json();
    },
    async updateComment(repo, id, body) {
      return (await request('PATCH', `${base}/repos/${repo}/issues/comments/${id}`, { body })).json();
    },
  };
}

/** Reads the reports, plans, and applies the plan; returns what it did. */
export async function run(argv, env = process.env, fetchImpl = fetch) {
  const args = parseArgs(argv);
  const body = buildBody(args.files.map((f) => readFileSync(f, 'utf8')));
  if (args.dryRun) {
    process.stdout.write(body);
    return 'dry-run';
  }
  const apiUrl = args.apiUrl ?? env.GITHUB_API_URL ?? 'https://api.github.com';
  const token = env.GH_TOKEN ?? env.GITHUB_TOKEN;
  if (!token) throw new Error('no token: set GH_TOKEN or GITHUB_TOKEN (needs pull-requests: write)');
  const client = githubClient({ apiUrl, token, fetchImpl });
  const plan = planUpsert(await client.listComments(args.repo, args.pr), body, { author: args.author });
  if (plan.action === 'create') await client.createComment(args.repo, args.pr, body);
  if (plan.action === 'update') await client.updateComment(args.repo, plan.id, body);
  const done = plan.action === 'none' ? 'unchanged' : `${plan.action}d`;
  process.stderr.write(`tightrole: PR comment ${done}\n`);
  return done;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  run(process.argv.slice(2)).catch((error) => {
    process.stderr.write(`pr-comment: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
}

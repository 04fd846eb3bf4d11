import { expect } from 'chai';
import { tempDir } from '../support/temp-dir.ts';
import { execFile } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { startLocalGithub, type GithubComment, type LocalGithub } from '../support/local-github.ts';

const SCRIPT = new URL('../../scripts/pr-comment.mjs', import.meta.url).pathname;
const MARKER = '<!-- tightrole-diff -->';
const REPO = 'acme/orders';
const TOKEN = 'test-token';

/** The script as the Action runs it: a child process, the API URL and token from the environment. */
async function runScript(github: LocalGithub, files: string[], extra: string[] = []) {
  const env = { PATH: process.env['PATH'] ?? '', GITHUB_API_URL: github.apiUrl, GH_TOKEN: TOKEN };
  const { stderr } = await promisify(execFile)(
    process.execPath,
    [SCRIPT, '--repo', REPO, '--pr', '7', ...extra, ...files],
    { env },
  );
  return stderr;
}

const others = (n: number): GithubComment[] =>
  Array.from({ length: n }, (_, i) => ({ id: i + 1, body: `comment ${i + 1}`, user: { login: 'alice' } }));

describe('e2e: scripts/pr-comment.mjs against a local GitHub REST API (127.0.0.1)', () => {
  let dir = '';
  let github: LocalGithub | undefined;
  beforeEach(() => {
    dir = tempDir('tightrole-pr-');
  });
  afterEach(async () => {
    await github?.close();
    github = undefined;
    rmSync(dir, { recursive: true, force: true });
  });
  const report = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };

  it('creates one comment, then updates it on the next push, then leaves it alone', async () => {
    github = await startLocalGithub({
      token: TOKEN,
      login: 'ci-bot',
      pageSize: 2,
      seed: { [`${REPO}#7`]: others(3) },
    });
    const first = report('1.md', '### orders-api-role\nfirst');
    expect(await runScript(github, [first])).to.include('PR comment created');
    expect(github.comments(REPO, 7)).to.have.length(4);
    const ours = github.comments(REPO, 7)[3]!;
    expect(ours.body.startsWith(`${MARKER}\n`)).to.equal(true);

    const second = report('2.md', '### orders-api-role\nsecond');
    expect(await runScript(github, [second])).to.include('PR comment updated');
    expect(github.comments(REPO, 7)).to.have.length(4);
    expect(github.comments(REPO, 7)[3]!.body).to.include('second');
    expect(await runScript(github, [second])).to.include('PR comment unchanged');
    expect(github.requests.every((r) => r.authorization === `Bearer ${TOKEN}`)).to.equal(true);
  });

  it('follows Link: rel="next" through every page to find its comment on the last page', async () => {
    const seed = [...others(9), { id: 50, body: `${MARKER}\nold`, user: { login: 'ci-bot' } }];
    github = await startLocalGithub({
      token: TOKEN,
      login: 'ci-bot',
      pageSize: 3,
      seed: { [`${REPO}#7`]: seed },
    });
    expect(await runScript(github, [report('1.md', '### new')])).to.include('PR comment updated');
    const gets = github.requests.filter((r) => r.method === 'GET').map((r) => r.path);
    expect(gets).to.deep.equal([
      `/repos/${REPO}/issues/7/comments?per_page=100`,
      `/repos/${REPO}/issues/7/comments?per_page=100&page=2`,
      `/repos/${REPO}/issues/7/comments?per_page=100&page=3`,
      `/repos/${REPO}/issues/7/comments?per_page=100&page=4`,
    ]);
    expect(github.comments(REPO, 7).find((c) => c.id === 50)!.body).to.include('### new');
    expect(github.comments(REPO, 7)).to.have.length(10);
  });

  it('finds its comment by the marker, whoever wrote it (another token), never a reply quoting it', async () => {
    const seed: GithubComment[] = [
      { id: 1, body: `> ${MARKER}\n> quoted by a reviewer`, user: { login: 'mallory' } },
      { id: 2, body: `${MARKER}\nwritten with a personal token`, user: { login: 'ci-bot' } },
    ];
    github = await startLocalGithub({
      token: TOKEN,
      login: 'ci-bot',
      pageSize: 30,
      seed: { [`${REPO}#7`]: seed },
    });
    expect(await runScript(github, [report('1.md', '### r')])).to.include('PR comment updated');
    expect(github.comments(REPO, 7).map((c) => c.id)).to.deep.equal([1, 2]);
    expect(github.comments(REPO, 7)[0]!.body).to.include('quoted by a reviewer');
    expect(github.requests.find((r) => r.method === 'PATCH')!.path).to.equal(
      `/repos/${REPO}/issues/comments/2`,
    );
  });

  it('an API refusal is one message and exit 1', async () => {
    github = await startLocalGithub({ token: 'another-token', login: 'ci-bot', pageSize: 30 });
    const failed = await runScript(github, [report('1.md', '### r')]).then(
      () => undefined,
      (error: { code: number; stderr: string }) => error,
    );
    expect(failed?.code).to.equal(1);
    expect(failed?.stderr).to.match(/^pr-comment: GET \/repos\/acme\/orders\/issues\/7\/comments: HTTP 401/);
  });
});

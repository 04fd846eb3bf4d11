import { expect } from 'chai';

interface Comment {
  id: number;
  body?: string | null;
  user?: { login?: string } | null;
}
interface PrCommentModule {
  MARKER: string;
  buildBody(reports: string[], options?: { limit?: number }): string;
  findComment(comments: Comment[], options?: { marker?: string; author?: string }): Comment | undefined;
  planUpsert(
    comments: Comment[],
    body: string,
    options?: { author?: string },
  ): { action: string; id?: number };
  parseArgs(argv: string[]): { repo: string; pr: string; author?: string; files: string[]; dryRun: boolean };
}

const script = new URL('../../../scripts/pr-comment.mjs', import.meta.url).href;
const load = async (): Promise<PrCommentModule> => (await import(script)) as PrCommentModule;
const BOT = 'github-actions[bot]';

describe('scripts/pr-comment.mjs: one PR comment, found by its marker (no network)', () => {
  it('builds the body: marker first, one section per report', async () => {
    const { buildBody, MARKER } = await load();
    expect(MARKER).to.equal('<!-- tightrole-diff -->');
    expect(buildBody(['### a\n', '', '### b'])).to.equal('<!-- tightrole-diff -->\n### a\n\n---\n\n### b\n');
    expect(buildBody([])).to.include('no report');
  });

  it("cuts whole reports to stay under GitHub's limit, saying so", async () => {
    const { buildBody } = await load();
    const body = buildBody(['a'.repeat(40_000), 'b'.repeat(40_000)]);
    expect(body.length).to.be.at.most(65_536);
    expect(body).to.include('1 more report(s) cut');
    expect(body).to.not.include('b'.repeat(10));
  });

  it('creates when no comment carries the marker, updates ours, leaves an identical one alone', async () => {
    const { planUpsert, buildBody } = await load();
    const body = buildBody(['### new']);
    const others: Comment[] = [{ id: 1, body: 'LGTM', user: { login: 'alice' } }];
    expect(planUpsert(others, body, { author: BOT })).to.deep.equal({ action: 'create' });
    const ours = [...others, { id: 7, body: buildBody(['### old']), user: { login: BOT } }];
    expect(planUpsert(ours, body, { author: BOT })).to.deep.equal({ action: 'update', id: 7 });
    expect(
      planUpsert([...others, { id: 7, body, user: { login: BOT } }], body, { author: BOT }),
    ).to.deep.equal({ action: 'none', id: 7 });
  });

  it('finds the oldest comment that starts with the marker, by any author; never one quoting it', async () => {
    const { findComment, MARKER } = await load();
    const comments: Comment[] = [
      { id: 3, body: `quoting ${MARKER}`, user: { login: 'mallory' } },
      { id: 2, body: `> ${MARKER}\n> a reply`, user: { login: 'mallory' } },
      { id: 4, body: `${MARKER}\nold`, user: { login: 'another-token-user' } },
      { id: 5, body: `${MARKER}\nnewer`, user: { login: BOT } },
      { id: 6, body: null, user: null },
    ];
    expect(findComment(comments)?.id).to.equal(4);
    expect(findComment(comments, { author: BOT })?.id).to.equal(5);
    expect(findComment(comments.slice(0, 2))).to.equal(undefined);
  });

  it('reads the next page from a GitHub Link header', async () => {
    const { nextLink } = (await import(script)) as { nextLink(h: string | null): string | undefined };
    const header =
      '<https://api.github.com/repositories/1/issues/7/comments?page=2>; rel="next", <https://api.github.com/repositories/1/issues/7/comments?page=5>; rel="last"';
    expect(nextLink(header)).to.equal('https://api.github.com/repositories/1/issues/7/comments?page=2');
    expect(nextLink('<https://x/?page=1>; rel="prev"')).to.equal(undefined);
    expect(nextLink(null)).to.equal(undefined);
  });

  it('validates its arguments', async () => {
    const { parseArgs } = await load();
    expect(parseArgs(['--repo', 'o/r', '--pr', '12', '--author', BOT, 'a.md'])).to.deep.equal({
      repo: 'o/r',
      pr: '12',
      author: BOT,
      files: ['a.md'],
      dryRun: false,
    });
    expect(() => parseArgs(['--repo', 'o/r; rm -rf /', '--pr', '1', 'a.md'])).to.throw('--repo');
    expect(() => parseArgs(['--repo', 'o/r', '--pr', '1 ', 'a.md'])).to.throw('--pr');
    expect(() => parseArgs(['--repo', 'o/r', '--pr', '1', '--api-url', 'file:///etc', 'a.md'])).to.throw(
      '--api-url',
    );
  });
});

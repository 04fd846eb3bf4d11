import { expect } from 'chai';
import MarkdownIt from 'markdown-it';
import { renderDiffMarkdown } from '../../../src/render/diff-markdown.ts';
import { codeSpan, escapeMarkdown, fencedBlock } from '../../../src/render/markdown-escape.ts';
import { HOSTILE, sampleDiff } from './diff-fixture.ts';

// GitHub autolinks http(s):// and www. but not bare domains: fuzzyLink off matches it.
const md = new MarkdownIt({ html: true, linkify: true });
md.linkify.set({ fuzzyLink: false });
const ALLOWED_TAGS = new Set([
  'p',
  'h3',
  'table',
  'thead',
  'tbody',
  'tr',
  'th',
  'td',
  'code',
  'pre',
  'details',
  'summary',
  'strong',
  'em',
  'br',
  'blockquote',
  'ul',
  'li',
]);

function tagsOf(html: string): string[] {
  return [...html.matchAll(/<\/?([a-zA-Z][\w-]*)/g)].map((m) => m[1]!.toLowerCase());
}

describe('render/diff-markdown: a PR comment nothing from the data can break out of', () => {
  it('renders hostile data without raw HTML, links, images or mentions', () => {
    const text = renderDiffMarkdown(sampleDiff(HOSTILE));
    const html = md.render(text);
    expect(tagsOf(html).filter((t) => !ALLOWED_TAGS.has(t))).to.deep.equal([]);
    expect(html).to.not.match(/<a |<img|<script|<!--/);
    // GitHub finds no mentions or references inside code; outside it, a zero-width joiner breaks them.
    const prose = html.replace(/<code[^>]*>[\s\S]*?<\/code>/g, '');
    expect(prose).to.include('@\u200doctocat');
    expect(prose).to.not.match(/(^|[^\u200d])@octocat|#1\b/);
    expect(text).to.not.include('\u001b').and.not.include('\u202e');
    // Every data-bearing table row still has its 4 cells: `|` never split a cell.
    const notGranted = html.slice(html.indexOf('Used but not granted'));
    const row = /<tr>\s*<td>[\s\S]*?<\/tr>/.exec(notGranted.slice(notGranted.indexOf('<tbody>')))![0];
    expect(row.match(/<td/g)).to.have.length(4);
    // Seven <details> we opened, seven closed: none came from the data.
    expect(html.match(/<details>/g)).to.have.length(7);
    expect(html.match(/<\/details>/g)).to.have.length(7);
  });

  it('escapes each construct on its own', () => {
    const inline = (s: string) => md.renderInline(escapeMarkdown(s));
    expect(inline('<b>x</b>')).to.equal('&lt;b&gt;x&lt;/b&gt;');
    expect(inline('[a](http://x.example)')).to.not.include('<a');
    expect(inline('www.x.example')).to.not.include('<a');
    expect(inline('@user')).to.equal('\u200d@\u200duser');
    expect(inline('a|b *c*')).to.equal('a|b *c*');
    expect(md.renderInline(codeSpan('a `` b'))).to.equal('<code>a `` b</code>');
    expect(md.renderInline(codeSpan('`x`'))).to.equal('<code>`x`</code>');
    const fence = fencedBlock('{"a": "```"}\n```\n<b>', 'json');
    expect(fence.startsWith('````json\n')).to.equal(true);
    expect(md.render(fence)).to.equal(
      '<pre><code class="language-json">{&quot;a&quot;: &quot;```&quot;}\n```\n&lt;b&gt;\n</code></pre>\n',
    );
  });

  it('stays under the length limit, cutting the least important rows first and saying so', () => {
    const diff = sampleDiff();
    diff.unused = Array.from({ length: 3000 }, (_, i) => ({
      service: `svc${i}`,
      accessLevel: 'Write',
      scope: '*',
      actions: [`svc${i}:Do`],
    }));
    diff.used = Array.from({ length: 3000 }, (_, i) => ({
      action: `svc${i}:Do`,
      accessLevel: 'Read',
      calls: 1,
      current: 'allowed',
    }));
    const text = renderDiffMarkdown(diff);
    expect(text.length).to.be.at.most(65_536);
    expect(text).to.include(
      "Some details were cut to keep this comment under GitHub's 65,536-character limit",
    );
    expect(text).to.match(/more rows? not shown/);
    expect(text).to.include('```json'); // the proposal outranks the lists
    const small = renderDiffMarkdown(diff, { maxLength: 5_000 });
    expect(small.length).to.be.at.most(5_000);
    expect(md.render(small).match(/<details>/g)?.length).to.equal(
      md.render(small).match(/<\/details>/g)?.length,
    );
  });

  it('omits a proposal too large for the comment, saying where to get it', () => {
    const diff = sampleDiff();
    diff.proposed[0]!.Statement[0]!.Resource = Array.from(
      { length: 2000 },
      (_, i) => `arn:aws:s3:::bucket/${i}/${'k'.repeat(30)}`,
    );
    const text = renderDiffMarkdown(diff);
    expect(text.length).to.be.at.most(65_536);
    expect(text).to.include('the policy is too large for a comment; run `tightrole generate`');
  });
});

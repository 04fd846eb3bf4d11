import { expect } from 'chai';
import { Ajv } from 'ajv';
import MarkdownIt from 'markdown-it';
import { readFileSync } from 'node:fs';
import type { AuditResult } from '../../../src/audit/result.ts';
import { lambdaConfigFrom, mergeLambdaConfigs } from '../../../src/audit/lambda-shapes.ts';
import { rankRoles } from '../../../src/audit/rank.ts';
import { indexActions } from '../../../src/diff/expand.ts';
import type { Arn } from '../../../src/model/identifiers.ts';
import { renderAuditJson } from '../../../src/render/audit-json.ts';
import { renderAuditMarkdown } from '../../../src/render/audit-markdown.ts';
import { renderAuditText } from '../../../src/render/audit-text.ts';
import { realCatalog } from '../../support/catalog.ts';

const ROOT = new URL('../../../', import.meta.url).pathname;
const validate = new Ajv({ allErrors: true, strict: true }).compile(
  JSON.parse(readFileSync(`${ROOT}schemas/audit.schema.json`, 'utf8')) as object,
);
const ACCOUNT = '111122223333';
const ROLE = `arn:aws:iam::${ACCOUNT}:role/web-role` as Arn;
const FN = `arn:aws:lambda:eu-west-1:${ACCOUNT}:function:web`;
// Untrusted text from the inputs: a policy name, a service principal and a Sid with terminal escapes,
// Markdown, HTML and a line break.
const HOSTILE = 'x\u001b[31m`|</td><script>\n# head **b**';

async function hostileResult(): Promise<AuditResult> {
  const catalog = await realCatalog('s3');
  const index = indexActions(catalog.loadedServices().filter((s) => s.prefix === 's3'));
  const lambda = mergeLambdaConfigs([
    lambdaConfigFrom({ Functions: [{ FunctionName: 'web', FunctionArn: FN, Role: ROLE }] }, 'f.json'),
    lambdaConfigFrom(
      {
        Policy: JSON.stringify({
          Statement: [
            {
              Sid: HOSTILE,
              Effect: 'Allow',
              Principal: { Service: HOSTILE },
              Action: 'lambda:InvokeFunction',
              Resource: FN,
            },
          ],
        }),
      },
      'p.json',
    ),
  ]);
  const model = rankRoles({
    iam: {
      roles: [
        {
          arn: ROLE,
          name: 'web-role',
          incomplete: false,
          current: {
            policies: [
              {
                name: HOSTILE,
                kind: 'inline',
                origin: 'x',
                document: {
                  Version: '2012-10-17',
                  Statement: [{ Effect: 'Allow', Action: ['s3:*'], Resource: ['*'] }],
                },
              },
            ],
            boundary: [],
            notes: [],
          },
        },
      ],
      problems: [],
    },
    lambda,
    facts: [],
    index,
    diffCommand: () => 'unused',
  });
  return {
    model,
    problems: [HOSTILE],
    ingest: { files: 0, records: 0, observations: 0 } as AuditResult['ingest'],
    window: {},
  };
}

describe('render/audit: text, Markdown and JSON with untrusted names', () => {
  it('text never puts control bytes on screen and keeps one line per value', async () => {
    const text = renderAuditText(await hostileResult(), { colour: false });
    // eslint-disable-next-line no-control-regex -- matching control characters is the point
    expect(text).to.not.match(/[\u0000-\u0009\u000b-\u001f]/);
    expect(text).to.contain('x\\x1b[31m');
    expect(text.split('\n').some((l) => l.startsWith('# head'))).to.equal(false);
  });

  it('Markdown keeps untrusted text inside code spans: no raw HTML, no new heading or table cell', async () => {
    const text = renderAuditMarkdown(await hostileResult());
    const html = new MarkdownIt({ html: true }).render(text);
    const tags = [...html.matchAll(/<\/?([a-zA-Z][\w-]*)/g)].map((m) => m[1]!.toLowerCase());
    expect([...new Set(tags)].sort()).to.deep.equal([
      'blockquote',
      'code',
      'h2',
      'h3',
      'li',
      'p',
      'pre',
      'strong',
      'table',
      'tbody',
      'td',
      'th',
      'thead',
      'tr',
      'ul',
    ]);
    expect(html).to.not.match(/<script|<h1/);
    // The ranking row keeps its 9 cells.
    const row = /<tbody>\s*<tr>[\s\S]*?<\/tr>/.exec(html)![0];
    expect(row.match(/<td/g)).to.have.length(9);
    expect(text).to.not.contain('\u001b');
  });

  it('JSON validates against the schema and round-trips the untrusted text exactly', async () => {
    const result = await hostileResult();
    const value = JSON.parse(renderAuditJson(result)) as {
      roles: { broad: { policy: string }[] }[];
      problems: string[];
    };
    expect(validate(value), JSON.stringify(validate.errors)).to.equal(true);
    expect(value.roles[0]!.broad[0]!.policy).to.equal(HOSTILE);
    expect(value.problems).to.deep.equal([HOSTILE]);
  });
});

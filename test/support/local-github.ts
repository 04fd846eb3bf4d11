import { createServer } from 'node:http';
import { listenOnLoopback, readBody } from './local-http.ts';

/** A comment as the GitHub REST API returns it (the fields the updater reads). */
export interface GithubComment {
  id: number;
  body: string;
  user: { login: string };
}

export interface GithubRequest {
  method: string;
  path: string;
  authorization: string | undefined;
  body?: unknown;
}

/** A local server on 127.0.0.1 speaking GitHub's REST API for issue comments. */
export interface LocalGithub {
  apiUrl: string;
  requests: GithubRequest[];
  /** The comments of `owner/repo#number`, oldest first. */
  comments(repo: string, pr: number): GithubComment[];
  close(): Promise<void>;
}

/**
 * `GET/POST /repos/{owner}/{repo}/issues/{n}/comments` (listed oldest first, `pageSize` per page with
 * `Link: <...>; rel="next"`/`rel="last"` headers as GitHub sends them, `page` query) and
 * `PATCH /repos/{owner}/{repo}/issues/comments/{id}`. Requests without `Authorization: Bearer <token>`
 * get 401, as GitHub gives for writes; a PATCH of a comment another login wrote gets 403.
 */
export async function startLocalGithub(options: {
  token: string;
  login: string;
  pageSize: number;
  seed?: Record<string, GithubComment[]>;
}): Promise<LocalGithub> {
  const store = new Map<string, GithubComment[]>(Object.entries(options.seed ?? {}));
  let nextId = 1000;
  const requests: GithubRequest[] = [];
  const server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const text = await readBody(req);
      const body = text ? (JSON.parse(text) as unknown) : undefined;
      const authorization = req.headers.authorization;
      requests.push({ method: req.method ?? '', path: url.pathname + url.search, authorization, body });
      const send = (status: number, value: unknown, headers: Record<string, string> = {}) => {
        res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
        res.end(JSON.stringify(value));
      };
      if (authorization !== `Bearer ${options.token}`) return send(401, { message: 'Bad credentials' });
      const list = /^\/repos\/([^/]+\/[^/]+)\/issues\/(\d+)\/comments$/.exec(url.pathname);
      const one = /^\/repos\/([^/]+\/[^/]+)\/issues\/comments\/(\d+)$/.exec(url.pathname);
      if (list && req.method === 'GET') {
        const all = store.get(`${list[1]}#${list[2]}`) ?? [];
        const page = Number(url.searchParams.get('page') ?? '1');
        const last = Math.max(1, Math.ceil(all.length / options.pageSize));
        const link = (p: number) => {
          const u = new URL(url);
          u.host = req.headers.host ?? u.host;
          u.searchParams.set('page', String(p));
          return u.toString();
        };
        const links = [
          ...(page < last ? [`<${link(page + 1)}>; rel="next"`, `<${link(last)}>; rel="last"`] : []),
          ...(page > 1 ? [`<${link(1)}>; rel="first"`, `<${link(page - 1)}>; rel="prev"`] : []),
        ];
        const slice = all.slice((page - 1) * options.pageSize, page * options.pageSize);
        return send(200, slice, links.length > 0 ? { link: links.join(', ') } : {});
      }
      if (list && req.method === 'POST') {
        const key = `${list[1]}#${list[2]}`;
        const comment = {
          id: nextId++,
          body: (body as { body: string }).body,
          user: { login: options.login },
        };
        store.set(key, [...(store.get(key) ?? []), comment]);
        return send(201, comment);
      }
      if (one && req.method === 'PATCH') {
        const id = Number(one[2]);
        const comment = [...store.entries()]
          .filter(([k]) => k.startsWith(`${one[1]}#`))
          .flatMap(([, v]) => v)
          .find((c) => c.id === id);
        if (!comment) return send(404, { message: 'Not Found' });
        if (comment.user.login !== options.login) return send(403, { message: 'Must have admin rights' });
        comment.body = (body as { body: string }).body;
        return send(200, comment);
      }
      return send(404, { message: 'Not Found' });
    })();
  });
  const { endpoint, close } = await listenOnLoopback(server);
  return {
    apiUrl: endpoint,
    requests,
    comments: (repo, pr) => store.get(`${repo}#${pr}`) ?? [],
    close,
  };
}

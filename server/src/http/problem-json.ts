import type { RequestHandler } from 'express';

function isProblem(body: unknown): body is { code: string; status: number; request_id?: string } {
  return typeof body === 'object' && body !== null && 'code' in body && 'type' in body && 'status' in body;
}

/**
 * Every error body leaves as application/problem+json carrying the request id, and every 401 carries
 * `WWW-Authenticate: Bearer`, whether the route handler, a middleware or the error handler produced it.
 */
export function problemJson(): RequestHandler {
  return (req, res, next) => {
    const json = res.json.bind(res);
    res.json = (body: unknown) => {
      if (res.statusCode >= 400 && isProblem(body)) {
        res.type('application/problem+json');
        if (res.statusCode === 401 && !res.getHeader('WWW-Authenticate')) {
          const error = body.code === 'unauthorized' ? '' : ', error="invalid_token"';
          res.setHeader('WWW-Authenticate', `Bearer realm="nexus"${error}`);
        }
        return json({ ...body, request_id: req.id });
      }
      return json(body);
    };
    next();
  };
}

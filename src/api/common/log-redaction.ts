// Staff search terms (`GET /api/orders?text=`) are customer names and phone numbers: keep them out of the
// request log, in the URL and in the parsed query alike.
const SEARCH_TEXT = /([?&]text=)[^&#]*/gi;

export const REDACTED_LOG_PATHS = ['req.headers.authorization', 'req.headers.cookie', 'req.query.text'];

export function redactSearchText(url: string | undefined): string | undefined {
  return url?.replace(SEARCH_TEXT, '$1[Redacted]');
}

/** pino-http request serializer (it receives the already serialized request). */
export function redactRequestUrl<T extends { url?: string }>(req: T): T {
  req.url = redactSearchText(req.url);
  return req;
}

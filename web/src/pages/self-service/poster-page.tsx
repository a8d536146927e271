import { createRoute, useNavigate } from '@tanstack/react-router';
import { useState, type FormEvent } from 'react';
import { $api } from '../../api/client';
import { requireSignIn, rootRoute } from '../../root';
import { WORDS } from '../customer/words';
import './self-service.css';

/**
 * `/request/poster` (staff): a printable page with the QR code of the service request page, for a shop
 * counter or a product (`?model=` prefills the product on the request form). The code itself is drawn by
 * the API (`GET /api/public/service-requests/qr.svg`), which knows the public address customers reach.
 */
export const posterRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/request/poster',
  beforeLoad: requireSignIn,
  validateSearch: (search: Record<string, unknown>): { model?: string } =>
    typeof search.model === 'string' && search.model.trim() !== '' ? { model: search.model.trim() } : {},
  component: PosterPage,
});

const QR_PATH = '/api/public/service-requests/qr.svg';

function PosterPage() {
  const { model } = posterRoute.useSearch();
  const navigate = useNavigate();
  const [draft, setDraft] = useState(model ?? '');
  const query = model ? `?model=${encodeURIComponent(model)}` : '';
  // What the code opens, written out for anyone who cannot scan it: the server's public address, the one
  // the code itself holds, whichever host staff opened this page from.
  const link = $api.useQuery('get', '/api/public/service-requests/link', {
    params: { query: model ? { model } : {} },
  });
  const requestUrl = link.data?.url ?? '';

  function apply(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const next = draft.trim();
    void navigate({ to: '/request/poster', search: next ? { model: next } : {}, replace: true });
  }

  return (
    <div className="stack">
      <form className="poster-controls" onSubmit={apply} aria-label="Poster settings">
        <div className="field">
          <label className="field-label" htmlFor="poster-model">
            Product model (optional)
          </label>
          <input
            id="poster-model"
            value={draft}
            onChange={(event) => setDraft(event.target.value)}
            placeholder="e.g. AC-9000"
          />
        </div>
        <button type="submit">Show</button>
        <button type="button" className="primary" onClick={() => window.print()}>
          Print
        </button>
      </form>

      <article className="poster" aria-label="Service request poster">
        <h1>
          {WORDS.zh.request.title} · {WORDS.en.request.title}
        </h1>
        <p className="poster-sub">
          用手机扫码报修 · Scan with your phone to request service
          {model && (
            <>
              <br />
              {model}
            </>
          )}
        </p>
        <img
          className="poster-qr"
          src={`${QR_PATH}${query}`}
          alt={`QR code of ${requestUrl}`}
          width={320}
          height={320}
        />
        <p className="poster-url">{requestUrl}</p>
        <ol className="poster-steps">
          <li>输入手机号，接收短信验证码 · Enter your mobile number and the code we text you</li>
          <li>描述需要的服务 · Tell us what needs doing</li>
          <li>通过短信中的链接跟进工单 · Follow your order from the link in our messages</li>
        </ol>
      </article>
    </div>
  );
}

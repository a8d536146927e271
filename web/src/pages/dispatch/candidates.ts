// GET /api/orders/{orderNo}/candidates: the technicians automatic dispatch would weigh now, with the
// score and the reason each rejected one is out.
import { $api, type Schemas } from '../../api/client';
import { POLL_MS } from './order-queries';

export type Candidate = Schemas['CandidateDto'];
export type ScoreBreakdown = Schemas['ScoreBreakdownDto'];

export function useCandidates(orderNo: string) {
  return $api.useQuery(
    'get',
    '/api/orders/{orderNo}/candidates',
    { params: { path: { orderNo } } },
    { refetchInterval: POLL_MS },
  );
}

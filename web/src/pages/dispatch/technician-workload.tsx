import type { Schemas } from '../../api/client';
import { ErrorMessage } from '../../components/forms';

type Workload = Schemas['TechnicianWorkloadDto'];

/** Who has room: open orders against capacity, overdue work, skills, region, and who is away. */
export function TechnicianWorkload({
  technicians,
  isPending,
  error,
}: {
  technicians: Workload[] | undefined;
  isPending: boolean;
  error: unknown;
}) {
  return (
    <section aria-labelledby="technicians-heading">
      <h2 id="technicians-heading">Technicians</h2>
      {isPending && <p className="empty">Loading technicians…</p>}
      <ErrorMessage error={error} />
      {technicians?.length === 0 && <p className="empty">No technicians in this region.</p>}
      {technicians && technicians.length > 0 && (
        <div className="table-wrap">
          <table className="dispatch-workload">
            <thead>
              <tr>
                <th scope="col">Technician</th>
                <th scope="col">Load</th>
                <th scope="col">Free</th>
                <th scope="col">Overdue</th>
              </tr>
            </thead>
            <tbody>
              {technicians.map((technician) => (
                <TechnicianRow key={technician.technicianId} technician={technician} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function TechnicianRow({ technician }: { technician: Workload }) {
  const share = technician.capacity > 0 ? Math.min(1, technician.openOrders / technician.capacity) : 1;
  return (
    <tr className={technician.active ? '' : 'away'} data-technician={technician.username}>
      <th scope="row">
        <span className="dispatch-tech-name">{technician.displayName}</span>
        {technician.active ? (
          <span className="badge ok">active</span>
        ) : (
          <span className="badge warn">away</span>
        )}
        <span className="small muted dispatch-tech-meta">
          {technician.region ?? 'no region'} ·{' '}
          {technician.skills.length ? technician.skills.join(', ') : 'no skills'}
        </span>
      </th>
      <td>
        <span className="dispatch-load" title={`${technician.openOrders} open of ${technician.capacity}`}>
          {technician.openOrders} / {technician.capacity}
        </span>
        <span className="dispatch-meter" aria-hidden="true">
          <span style={{ width: `${share * 100}%` }} className={share >= 1 ? 'full' : ''} />
        </span>
      </td>
      <td>{technician.freeCapacity}</td>
      <td>
        {technician.overdueOrders > 0 ? (
          <span className="badge bad">{technician.overdueOrders}</span>
        ) : (
          <span className="muted">0</span>
        )}
      </td>
    </tr>
  );
}

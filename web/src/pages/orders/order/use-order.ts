// The order as the page shows it: its read model and timeline, polled, and polled faster right after a
// command until the read model has caught up with the revision the command answered with.
import { useQueryClient } from '@tanstack/react-query';
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { $api, isStaffView } from '../../../api/client';

const POLL_MS = 3000;
const CATCH_UP_POLL_MS = 500;
/** How long to poll fast after a command: the projection is normally milliseconds behind. */
const CATCH_UP_FOR_MS = 5000;

export interface CommandOutcome {
  /** What the person did, in words ("Checked in."), with a link where there is something new to open. */
  message: ReactNode;
  /** The revision the command answered with; the page polls fast until the read model has it. */
  revision?: number;
}

interface CommandTracker {
  commandApplied(outcome: CommandOutcome): void;
}

export const CommandTrackerContext = createContext<CommandTracker | null>(null);

/**
 * For a form's `onSuccess`: refreshes every list and order, and lets the order page (when the form is
 * on it) poll fast until the change shows.
 */
export function useCommandDone(): (outcome: CommandOutcome) => void {
  const queryClient = useQueryClient();
  const tracker = useContext(CommandTrackerContext);
  return useCallback(
    (outcome: CommandOutcome) => {
      tracker?.commandApplied(outcome);
      void queryClient.invalidateQueries();
    },
    [queryClient, tracker],
  );
}

interface CatchUp {
  revision: number;
  until: number;
}

/** The order, its timeline, the last command's outcome and the tracker to provide to the forms. */
export function useOrderPageData(orderNo: string) {
  const [catchUp, setCatchUp] = useState<CatchUp | null>(null);
  const [lastOutcome, setLastOutcome] = useState<CommandOutcome | null>(null);

  const intervalFor = (revision: number | undefined): number =>
    catchUp && (revision ?? -1) < catchUp.revision && Date.now() < catchUp.until ? CATCH_UP_POLL_MS : POLL_MS;

  const order = $api.useQuery(
    'get',
    '/api/orders/{orderNo}',
    { params: { path: { orderNo } } },
    {
      refetchInterval: (query) =>
        intervalFor(isStaffView(query.state.data) ? query.state.data.revision : undefined),
    },
  );
  const view = isStaffView(order.data) ? order.data : undefined;
  const timeline = $api.useQuery(
    'get',
    '/api/orders/{orderNo}/timeline',
    { params: { path: { orderNo } } },
    { refetchInterval: () => intervalFor(view?.revision) },
  );

  const tracker = useMemo<CommandTracker>(
    () => ({
      commandApplied(outcome) {
        setLastOutcome(outcome);
        if (outcome.revision !== undefined)
          setCatchUp({ revision: outcome.revision, until: Date.now() + CATCH_UP_FOR_MS });
      },
    }),
    [],
  );

  const updating = Boolean(
    lastOutcome?.revision !== undefined && view && view.revision < lastOutcome.revision,
  );
  return { order, view, timeline, tracker, lastOutcome, updating };
}

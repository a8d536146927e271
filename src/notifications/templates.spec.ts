import type { EscalationStep, RecipientView } from '../activities/notification.contract';
import { SLA_STAGES } from '../domain';
import { escapeHtml, levelLabel, renderEscalation, renderNotification, STAGE_TEXT } from './templates';

const step: EscalationStep = {
  orderNo: 'SO-20300101-000042',
  stage: 'COMPLETION',
  stageKey: 'COMPLETION#1',
  level: 2,
  dueAt: '2030-01-01T10:00:00.000Z',
  firedAt: '2030-01-01T15:00:00.000Z',
  responsibleUserId: 'u1',
  responsibleRole: 'technician',
  region: 'north',
};
const recipients: RecipientView[] = [
  { userId: 'u1', username: 'wang', role: 'technician', region: 'north', viaFallback: false },
  { userId: 'u2', username: 'li', role: 'dispatcher', region: 'south', viaFallback: true },
];

describe(renderEscalation.name, () => {
  it('names the order, the stage, the level, the due time and what to do, in text and HTML', () => {
    const message = renderEscalation(step, recipients);
    expect(message.title).toBe(
      '[SO-20300101-000042] Level 2 (150%) escalation: Completion overdue since 2030-01-01T10:00:00.000Z',
    );
    for (const part of [
      step.orderNo,
      'Completion',
      'Level 2 (150%)',
      step.dueAt,
      STAGE_TEXT.COMPLETION.action,
    ]) {
      expect(message.text).toContain(part);
      expect(message.html).toContain(escapeHtml(part));
    }
    expect(message.text).toContain('li (dispatcher, south, no one in the region)');
  });

  it('calls level 0 a warning', () => {
    expect(renderEscalation({ ...step, level: 0 }, recipients).title).toBe(
      '[SO-20300101-000042] Warning (80%): Completion due 2030-01-01T10:00:00.000Z',
    );
  });

  it('has a label and an action for every SLA stage', () => {
    for (const stage of SLA_STAGES) expect(STAGE_TEXT[stage].action.length).toBeGreaterThan(0);
  });
});

describe(renderNotification.name, () => {
  it('escapes HTML from the body', () => {
    const message = renderNotification({
      orderNo: 'SO-1',
      kind: 'ASSIGNED',
      title: 'Assigned',
      body: 'Fix <b>it</b> & go',
      idempotencyKey: 'k',
    });
    expect(message.html).toContain('Fix &lt;b&gt;it&lt;/b&gt; &amp; go');
    expect(message.text.startsWith('Fix <b>it</b> & go')).toBe(true);
  });
});

describe(levelLabel.name, () => {
  it.each([
    [0, 'Warning (80%)'],
    [1, 'Level 1 (100%)'],
    [3, 'Level 3 (200%)'],
    [9, 'Level 9'],
  ])('%i → %s', (level, label) => {
    expect(levelLabel(level)).toBe(label);
  });
});

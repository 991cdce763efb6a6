import type { Alert, AlertRule } from '@envstream/client';
import { describe, expect, it } from 'vitest';
import { alertEnvironment, conditionLabel, durationLabel, durationMs, firingAlert, isAlertRulesRoute, selectorLabel, thresholdLabel } from '../src/alert-rules.js';

const rule = (fields: Partial<AlertRule>): AlertRule => ({
  id: 7, name: 'errors', envId: 'checkout', labels: {}, kind: 'LOG_PATTERN', pattern: 'ERROR', metric: null, above: null,
  forDuration: null, event: null, atLeast: 5, window: 'PT1M', ...fields,
});

const alert = (ruleId: number, envId: string, fired: string): Alert => ({
  type: 'alert', id: `${ruleId}:${envId}:1767261600000`, ruleId, rule: 'errors', kind: 'LOG_PATTERN', summary: '5 lines matched',
  observed: 5, threshold: 5, windowStart: '2026-01-01T10:00:00Z', fired,
});

describe('alert rules page', () => {
  it('has its own address', () => {
    expect([isAlertRulesRoute('#/alerts/rules'), isAlertRulesRoute('#/alerts/rules?x=1'), isAlertRulesRoute('#/'), isAlertRulesRoute('#/env/alerts')])
      .toEqual([true, true, false, false]);
  });

  it('reads the alerts app\'s durations in words', () => {
    expect(['PT1M', 'PT90S', 'P1D', 'PT0S', 'PT1.5S', null, 'soon'].map(durationLabel)).toEqual(['1 min', '1 min 30 s', '24 h', '0 s', '1.5 s', '—', 'soon']);
    expect([durationMs('PT2H30M'), durationMs('P'), durationMs('PT')]).toEqual([9_000_000, undefined, undefined]);
  });

  it('says each kind\'s condition, threshold and selector', () => {
    expect(conditionLabel(rule({}))).toBe('lines matching ERROR');
    const cpu = rule({ kind: 'METRIC_THRESHOLD', envId: null, labels: { team: 'payments', tier: 'front' }, pattern: null, metric: 'CPU_PERCENT', above: 90, forDuration: 'PT2M', atLeast: null, window: null });
    expect([conditionLabel(cpu), thresholdLabel(cpu), selectorLabel(cpu)]).toEqual(['CPU % above the threshold for 2 min', '> 90', 'team=payments, tier=front']);
    const exits = rule({ kind: 'LIFECYCLE', event: 'EXITED_NON_ZERO', pattern: null, atLeast: null, window: null });
    expect([conditionLabel(exits), thresholdLabel(exits), selectorLabel(exits)]).toEqual(['an exit with a code other than 0', '—', 'checkout']);
    expect(conditionLabel(rule({ kind: 'LIFECYCLE', event: 'RESTARTING', pattern: null, atLeast: 3 }))).toBe('restarts');
  });

  it('counts a rule as firing while its newest alert is within its window', () => {
    const now = Date.parse('2026-01-01T10:01:00Z');
    const alerts = [alert(7, 'web', '2026-01-01T10:00:30Z'), alert(7, 'api', '2026-01-01T10:00:50Z'), alert(8, 'web', '2026-01-01T10:00:59Z')];
    expect(firingAlert(rule({}), alerts, now)?.id).toBe('7:api:1767261600000');
    expect(firingAlert(rule({}), alerts, now + 60_000)).toBeUndefined();
    // without a window: five minutes
    const exits = rule({ kind: 'LIFECYCLE', event: 'EXITED_NON_ZERO', window: null });
    expect(firingAlert(exits, alerts, now + 4 * 60_000)?.id).toBe('7:api:1767261600000');
    expect(firingAlert(exits, alerts, now + 6 * 60_000)).toBeUndefined();
  });

  it('takes the environment from the alert id, colons in it too', () => {
    expect(alertEnvironment(alert(7, 'ns:web', '2026-01-01T10:00:30Z'))).toBe('ns:web');
  });
});

import { describe, expect, it } from 'vitest';
import { describeStatus } from '../../client/src/status';

const entry = { uri: 'file:///x.failover', scenarios: 3, passed: 3, failed: 0, expectationsFailed: 0 };

describe('status bar text', () => {
  it('counts passing scenarios', () => {
    expect(describeStatus(entry)).toMatchObject({ text: '$(pass) 3/3 scenarios', failing: false });
    expect(describeStatus({ ...entry, scenarios: 1, passed: 1 }).text).toBe('$(pass) 1/1 scenario');
  });

  it('counts failing scenarios and says how many expectations are not met', () => {
    const status = describeStatus({ ...entry, passed: 2, failed: 1, expectationsFailed: 2 });
    expect(status).toMatchObject({ text: '$(error) 1 of 3 failing', failing: true });
    expect(status.tooltip).toContain('2 expectations not met');
  });

  it('says when a file is not simulated or has no scenario', () => {
    expect(describeStatus({ ...entry, scenarios: 0, passed: 0, notSimulated: 'errors' }).text).toBe('$(warning) not simulated');
    expect(describeStatus({ ...entry, scenarios: 0, passed: 0 }).text).toBe('$(circle-slash) no scenarios');
  });

  it('does not show a green tick while a scenario is stopped by its own errors, and says so when others fail', () => {
    const stopped = describeStatus({ ...entry, passed: 2, stopped: 1 });
    expect(stopped).toMatchObject({ text: '$(warning) 1 of 3 not simulated', failing: false });
    expect(stopped.tooltip).toBe(
      '2 of 3 scenarios meet their expectations. 1 scenario has errors of its own and is not simulated (see the code lens). Click to show a timeline.',
    );
    const failing = describeStatus({ ...entry, passed: 0, failed: 1, expectationsFailed: 1, stopped: 2 });
    expect(failing).toMatchObject({ text: '$(error) 1 of 3 failing', failing: true });
    expect(failing.tooltip).toContain('2 scenarios have errors of their own and are not simulated');
  });
});

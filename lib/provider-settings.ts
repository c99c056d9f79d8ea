import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as logs from 'aws-cdk-lib/aws-logs';

/** A provider's settings with every default filled in, so two places asking for the provider can be compared. */
export interface ProviderSettings {
  readonly queryInterval: Duration;
  readonly totalTimeout: Duration;
  readonly logRetention: logs.RetentionDays;
  readonly logRemovalPolicy: RemovalPolicy;
}

interface SettingsProps {
  readonly queryInterval?: Duration;
  readonly totalTimeout?: Duration;
  readonly logRetention?: logs.RetentionDays;
  readonly logRemovalPolicy?: RemovalPolicy;
}

export const ProviderSettings = {
  of(props: SettingsProps): ProviderSettings {
    return {
      queryInterval: props.queryInterval ?? Duration.seconds(10),
      totalTimeout: props.totalTimeout ?? Duration.minutes(30),
      logRetention: props.logRetention ?? logs.RetentionDays.ONE_YEAR,
      logRemovalPolicy: props.logRemovalPolicy ?? RemovalPolicy.RETAIN,
    };
  },
};

const MAX_TOTAL_TIMEOUT = Duration.hours(1);
const MIN_QUERY_INTERVAL = Duration.seconds(1);

/** Everything wrong with the settings, each with its fix. */
export function settingsProblems(s: ProviderSettings): string[] {
  const problems: string[] = [];
  const tokens = (['queryInterval', 'totalTimeout'] as const).filter(k => s[k].isUnresolved());
  for (const k of tokens) {
    problems.push(`${k} is a token: the waiter's retry count is computed at synth, so give a Duration with a concrete value`);
  }
  if (tokens.length > 0) return problems;
  const interval = s.queryInterval.toMilliseconds();
  const total = s.totalTimeout.toMilliseconds();
  if (interval < MIN_QUERY_INTERVAL.toMilliseconds()) {
    problems.push(`queryInterval ${s.queryInterval.toHumanString()} is too short: use at least 1 second`);
  }
  if (total > MAX_TOTAL_TIMEOUT.toMilliseconds()) {
    problems.push(`totalTimeout ${s.totalTimeout.toHumanString()} is longer than the Provider framework allows: use at most 1 hour`);
  }
  if (interval > total) {
    problems.push(`queryInterval ${s.queryInterval.toHumanString()} is longer than totalTimeout ${s.totalTimeout.toHumanString()}: shorten queryInterval or lengthen totalTimeout`);
  } else if (interval > 0 && total % interval !== 0) {
    problems.push(`totalTimeout ${s.totalTimeout.toHumanString()} is not a whole multiple of queryInterval ${s.queryInterval.toHumanString()}, `
      + 'so the waiter cannot poll a whole number of times: choose values that divide, e.g. 10 seconds and 30 minutes');
  }
  return problems;
}

export interface SettingDifference {
  /** The setting as the second place asks for it. */
  readonly asked: string;
  /** The setting as the provider has it. */
  readonly has: string;
}

/** The settings on which `asked` differs from `has`, each shown both ways. */
export function settingsDifferences(has: ProviderSettings, asked: ProviderSettings): SettingDifference[] {
  const shown: Record<keyof ProviderSettings, (s: ProviderSettings) => string> = {
    queryInterval: s => `queryInterval ${humanDuration(s.queryInterval)}`,
    totalTimeout: s => `totalTimeout ${humanDuration(s.totalTimeout)}`,
    logRetention: s => `logRetention ${s.logRetention} days`,
    logRemovalPolicy: s => `logRemovalPolicy ${s.logRemovalPolicy}`,
  };
  return (Object.keys(shown) as (keyof ProviderSettings)[])
    .filter(k => shown[k](has) !== shown[k](asked))
    .map(k => ({ asked: shown[k](asked), has: shown[k](has) }));
}

function humanDuration(d: Duration): string {
  return d.isUnresolved() ? '(a token)' : d.toHumanString();
}

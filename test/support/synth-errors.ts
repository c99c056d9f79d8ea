import type { App } from 'aws-cdk-lib';

/** The synth errors of an app, one per problem, each as `[construct path] message`; none when it synthesises. */
export function synthErrors(app: App): string[] {
  try {
    app.synth();
    return [];
  } catch (err) {
    const message = (err as Error).message;
    if (!message.startsWith('Validation failed with the following errors:')) throw err;
    return message.split('\n').slice(1).map(l => l.trim());
  }
}

// A stack with a custom_resources.Provider (onEvent + isComplete) over the scriptable handler in
// fake-handler/, synthesised as any CDK app is. The tests add custom resources to its template.
import * as path from 'path';
import { App, Duration, Stack } from 'aws-cdk-lib';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as cr from 'aws-cdk-lib/custom-resources';

const app = new App();
const stack = new Stack(app, 'FakeStack');
const code = lambda.Code.fromAsset(path.join(__dirname, 'fake-handler'));
const logGroup = new logs.LogGroup(stack, 'Logs');
const userFunction = (id: string, handler: string) => new lambda.Function(stack, id, {
  code, handler, runtime: lambda.Runtime.NODEJS_22_X, timeout: Duration.seconds(30), loggingFormat: lambda.LoggingFormat.JSON, logGroup,
});
new cr.Provider(stack, 'Provider', {
  onEventHandler: userFunction('UserOnEvent', 'index.onEvent'),
  isCompleteHandler: userFunction('UserIsComplete', 'index.isComplete'),
  queryInterval: Duration.seconds(1),
  totalTimeout: Duration.seconds(3),
});
app.synth();

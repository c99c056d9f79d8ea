#!/usr/bin/env node
import { App } from 'aws-cdk-lib';
import { exampleStack } from './example-stack';
import { routingExampleStack } from './routing-example-stack';

const EXAMPLES: Record<string, (app: App) => unknown> = { order: exampleStack, routing: routingExampleStack };

const app = new App();
const example = String(app.node.tryGetContext('example') ?? 'order');
if (!(example in EXAMPLES)) throw new Error(`context example=${example} is not one of ${Object.keys(EXAMPLES).join(', ')}`);
EXAMPLES[example](app);
app.synth();

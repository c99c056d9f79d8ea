#!/usr/bin/env node
import { App } from 'aws-cdk-lib';
import { exampleStack } from './example-stack';

const app = new App();
exampleStack(app);
app.synth();

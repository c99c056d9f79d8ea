// AWS::Chime::VoiceConnector and AWS::Chime::SipMediaApplication in the local deploy: made in
// the emulator, updated in place (and back on a rollback), and deleted; what Chime refuses on
// delete is the stack's DELETE_FAILED, as in CloudFormation.
import * as fs from 'fs';
import * as path from 'path';
import { AssociatePhoneNumbersWithVoiceConnectorCommand } from '@aws-sdk/client-chime-sdk-voice';
import type { Template } from '../../tools/local-deploy/template';
import { RoutedStack, STACK, outputsOf, synthRouting, tempDir } from '../lifecycle/routed-stack';

jest.setTimeout(120_000);
let root: string;
let base: string;
beforeAll(async () => {
  root = tempDir('chime-resources-');
  base = await synthRouting(path.join(root, 'base.out'));
}, 180_000);
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

/** A copy of the assembly with the main Voice Connector and the SIP media application renamed. */
function renamed(dir: string): string {
  fs.cpSync(base, dir, { recursive: true });
  const file = path.join(dir, `${STACK}.template.json`);
  const template = JSON.parse(fs.readFileSync(file, 'utf8')) as Template;
  for (const r of Object.values(template.Resources ?? {})) {
    if (r.Metadata?.['aws:cdk:path'] === `${STACK}/MainConnector`) r.Properties!.Name = 'renamed-main';
    if (r.Metadata?.['aws:cdk:path'] === `${STACK}/Ivr`) r.Properties!.Name = 'renamed-ivr';
  }
  fs.writeFileSync(file, JSON.stringify(template, null, 1));
  return dir;
}

test('created in Chime with their attributes; renamed in place; a rollback puts the names back', async () => {
  const stack = await RoutedStack.start(root);
  try {
    const created = await stack.deploy(base);
    expect(created.result.exitCode).toBe(0);
    const o = outputsOf(created);
    const vc = () => stack.emulator.routing().voiceConnectors.find(v => v.VoiceConnectorId === o.main)!;
    const ivr = () => stack.emulator.routing().sipMediaApplications[0];
    expect(vc()).toMatchObject({ Name: 'phone-number-order-main', RequireEncryption: true, AwsRegion: 'us-east-1' });
    expect(ivr()).toMatchObject({ Name: 'phone-number-order-ivr', Endpoints: [{ LambdaArn: expect.stringMatching(/^arn:aws:lambda:us-east-1:123456789012:function:PhoneNumberRoutingExample-IvrHandler/) }] });
    const record = JSON.parse(fs.readFileSync(path.join(stack.stateDir, 'stacks', `${STACK}.json`), 'utf8'));
    const main = Object.values(record.resources as Record<string, { path?: string; physicalId: string; attributes: Record<string, string> }>)
      .find(r => r.path === `${STACK}/MainConnector`)!;
    expect(main).toMatchObject({ physicalId: vc().VoiceConnectorArn, attributes: { VoiceConnectorId: o.main, OutboundHostName: `${o.main}.voiceconnector.chime.aws` } });

    const rehearsed = await stack.deploy(renamed(path.join(root, 'renamed-1.out')), { rehearseRollback: true });
    expect(rehearsed.result.stacks.map(s => s.status)).toEqual(['UPDATE_ROLLBACK_COMPLETE']);
    expect([vc().Name, ivr().Name]).toEqual(['phone-number-order-main', 'phone-number-order-ivr']);
    const updated = await stack.deploy(renamed(path.join(root, 'renamed-2.out')));
    expect(updated.result.exitCode).toBe(0);
    expect([vc().Name, ivr().Name, vc().VoiceConnectorId]).toEqual(['renamed-main', 'renamed-ivr', o.main]);
    expect(updated.result.events).toEqual([]);
  } finally {
    await stack.close();
  }
});

test('a Voice Connector that something outside the stack routes a number to is DELETE_FAILED with Chime\'s refusal', async () => {
  const stack = await RoutedStack.start(root);
  try {
    const created = await stack.deploy(base);
    const main = outputsOf(created).main;
    stack.emulator.putNumber({ number: '+12065550199' });
    await stack.voice.send(new AssociatePhoneNumbersWithVoiceConnectorCommand({ VoiceConnectorId: main, E164PhoneNumbers: ['+12065550199'] }));
    const r = await stack.destroy();
    expect(r.result.stacks.map(s => s.status)).toEqual(['DELETE_FAILED']);
    expect(r.result.stacks[0].failures.join('\n')).toMatch(new RegExp(`DELETE_FAILED .*MainConnector .*Voice Connector ${main} cannot be deleted: 1 phone number\\(s\\) are associated with it \\(\\*\\*\\*0199\\).*Error: BadRequestException`));
    // Everything else went: the stack's own routing first, so only the outside number holds the Voice Connector.
    expect(stack.emulator.routing().voiceConnectors.map(v => v.VoiceConnectorId)).toEqual([main]);
    expect(stack.emulator.routing().sipMediaApplications).toEqual([]);
  } finally {
    await stack.close();
  }
});

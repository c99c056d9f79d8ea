// AWS::Chime::VoiceConnector and AWS::Chime::SipMediaApplication, created, updated and deleted in
// the Chime endpoint (the embedded emulator, or --endpoint) as CloudFormation's own resource
// handlers would, so that a stack declaring them deploys locally end to end, and a stack delete
// meets what Chime refuses (a Voice Connector with associated numbers, a SIP media application
// that enabled SIP rules target) as DELETE_FAILED, as it would in AWS.
import {
  ChimeSDKVoiceClient, CreateSipMediaApplicationCommand, CreateVoiceConnectorCommand, DeleteSipMediaApplicationCommand,
  DeleteVoiceConnectorCommand, UpdateSipMediaApplicationCommand, UpdateVoiceConnectorCommand,
} from '@aws-sdk/client-chime-sdk-voice';
import { DEFAULT_CREDENTIALS } from '../../emulator';
import { type Desired, type ResourceOutcome, recordOf } from './resources';
import type { StackRun } from './stack-run';
import type { ResourceState } from './state';
import type { JsonObject } from './template';

const VOICE_CONNECTOR = 'AWS::Chime::VoiceConnector';
const SIP_MEDIA_APPLICATION = 'AWS::Chime::SipMediaApplication';
/** Properties whose change makes CloudFormation replace the resource (its resource schema's createOnlyProperties). */
const REPLACING: Record<string, string[]> = { [VOICE_CONNECTOR]: ['AwsRegion', 'NetworkType', 'IntegrationType'], [SIP_MEDIA_APPLICATION]: ['AwsRegion'] };

export function isChimeResource(type: string): boolean {
  return type === VOICE_CONNECTOR || type === SIP_MEDIA_APPLICATION;
}

export async function createChimeResource(run: StackRun, d: Desired): Promise<ResourceOutcome> {
  const p = d.properties;
  return call(run, async client => {
    if (d.resource.Type === VOICE_CONNECTOR) {
      const vc = (await client.send(new CreateVoiceConnectorCommand({
        Name: p.Name as string, RequireEncryption: p.RequireEncryption === true || p.RequireEncryption === 'true',
        AwsRegion: p.AwsRegion as never, NetworkType: p.NetworkType as never, Tags: tags(p),
      }))).VoiceConnector!;
      return recordOf(d, vc.VoiceConnectorArn!, {
        VoiceConnectorId: vc.VoiceConnectorId!, VoiceConnectorArn: vc.VoiceConnectorArn!, OutboundHostName: vc.OutboundHostName!,
        CreatedTimestamp: iso(vc.CreatedTimestamp), UpdatedTimestamp: iso(vc.UpdatedTimestamp),
      });
    }
    const sma = (await client.send(new CreateSipMediaApplicationCommand({
      AwsRegion: p.AwsRegion as string, Name: p.Name as string, Endpoints: endpoints(p), Tags: tags(p),
    }))).SipMediaApplication!;
    return recordOf(d, sma.SipMediaApplicationArn!, {
      SipMediaApplicationId: sma.SipMediaApplicationId!, SipMediaApplicationArn: sma.SipMediaApplicationArn!,
      CreatedTimestamp: iso(sma.CreatedTimestamp), UpdatedTimestamp: iso(sma.UpdatedTimestamp),
    });
  });
}

/** An in-place update (Name, RequireEncryption, Endpoints); a change CloudFormation would replace for is refused. */
export async function updateChimeResource(run: StackRun, d: Desired, old: ResourceState): Promise<ResourceOutcome> {
  const p = d.properties;
  const replaced = REPLACING[d.resource.Type].filter(k => JSON.stringify(p[k]) !== JSON.stringify(old.properties[k]));
  if (replaced.length > 0) {
    return { ok: false, physicalId: old.physicalId, reason: `${replaced.join(', ')} of ${d.resource.Type} cannot change in place, and local deploy does not replace resources: destroy the stack and deploy it again` };
  }
  return call(run, async client => {
    if (d.resource.Type === VOICE_CONNECTOR) {
      const vc = (await client.send(new UpdateVoiceConnectorCommand({
        VoiceConnectorId: String(old.attributes.VoiceConnectorId), Name: p.Name as string, RequireEncryption: p.RequireEncryption === true || p.RequireEncryption === 'true',
      }))).VoiceConnector!;
      return recordOf(d, old.physicalId, { ...old.attributes, UpdatedTimestamp: iso(vc.UpdatedTimestamp) });
    }
    const sma = (await client.send(new UpdateSipMediaApplicationCommand({
      SipMediaApplicationId: String(old.attributes.SipMediaApplicationId), Name: p.Name as string, Endpoints: endpoints(p),
    }))).SipMediaApplication!;
    return recordOf(d, old.physicalId, { ...old.attributes, UpdatedTimestamp: iso(sma.UpdatedTimestamp) });
  }, old.physicalId);
}

export async function deleteChimeResource(run: StackRun, rs: ResourceState): Promise<{ ok: true } | { ok: false; reason: string }> {
  const outcome = await call(run, async client => {
    try {
      if (rs.type === VOICE_CONNECTOR) await client.send(new DeleteVoiceConnectorCommand({ VoiceConnectorId: String(rs.attributes.VoiceConnectorId) }));
      else await client.send(new DeleteSipMediaApplicationCommand({ SipMediaApplicationId: String(rs.attributes.SipMediaApplicationId) }));
    } catch (err) {
      // Already gone: deleted, as CloudFormation counts it.
      if ((err as { name?: string }).name !== 'NotFoundException') throw err;
    }
    return rs;
  });
  return outcome.ok ? { ok: true } : { ok: false, reason: outcome.reason };
}

/** One call through the Chime SDK Voice client, its refusal turned into the reason CloudFormation would show. */
async function call(run: StackRun, act: (client: ChimeSDKVoiceClient) => Promise<ResourceState>, physicalId?: string): Promise<ResourceOutcome> {
  if (!run.chimeEndpoint) return { ok: false, physicalId, reason: 'No Chime endpoint to create AWS::Chime resources in' };
  // CloudFormation's own resource handlers ride out throttling and 5xx answers; only Chime's refusals fail
  // the resource. Against an emulator injecting faults (the chaos suite), 3 tries failed a stack delete now and then.
  const client = new ChimeSDKVoiceClient({ endpoint: run.chimeEndpoint, region: run.env.region, credentials: DEFAULT_CREDENTIALS, maxAttempts: 10 });
  try {
    return { ok: true, state: await act(client), replaced: false };
  } catch (err) {
    const e = err as { name?: string; message?: string; $metadata?: { httpStatusCode?: number } };
    return { ok: false, physicalId, reason: `${e.message ?? String(err)} (Service: ChimeSDKVoice, Status Code: ${e.$metadata?.httpStatusCode ?? 'none'}, Error: ${e.name ?? 'Error'})` };
  } finally {
    client.destroy();
  }
}

function tags(p: JsonObject): { Key: string; Value: string }[] | undefined {
  const t = p.Tags;
  return Array.isArray(t) && t.length > 0 ? t.map(x => ({ Key: String((x as JsonObject).Key), Value: String((x as JsonObject).Value) })) : undefined;
}

function endpoints(p: JsonObject): { LambdaArn: string }[] | undefined {
  const e = p.Endpoints;
  return Array.isArray(e) ? e.map(x => ({ LambdaArn: String((x as JsonObject).LambdaArn) })) : undefined;
}

function iso(d: Date | undefined): string {
  return (d ?? new Date()).toISOString();
}

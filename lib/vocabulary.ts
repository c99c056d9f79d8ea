import { ChimeApi } from './chime-api';
import type { Vocabulary } from './order-rules';
import { PhoneProductType } from './phone-product-type';

const enumName = (e: Record<string, string>, name: string) => (wire: string) => {
  const key = Object.keys(e).find(k => e[k] === wire);
  return key ? `${name}.${key}` : wire;
};

/** Synth messages name values as the user wrote them: by the construct's enums, not the template's values. */
export const ENUM_VOCABULARY: Vocabulary = {
  productType: enumName(PhoneProductType as unknown as Record<string, string>, 'PhoneProductType'),
  api: enumName(ChimeApi as unknown as Record<string, string>, 'ChimeApi'),
  apiPhrase: wire => (wire === ChimeApi.CHIME ? 'the legacy API (ChimeApi.CHIME)' : `Chime SDK Voice (ChimeApi.CHIME_SDK_VOICE)`),
  suggestNumbers: true,
};

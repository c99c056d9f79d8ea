/**
 * Which Amazon Chime API the custom resource calls.
 */
export enum ChimeApi {
  /** The legacy Amazon Chime API (`@aws-sdk/client-chime`), past end of support; the only one with Business Calling. */
  CHIME = 'chime',
  /** The Amazon Chime SDK Voice API (`@aws-sdk/client-chime-sdk-voice`). */
  CHIME_SDK_VOICE = 'chime-sdk-voice',
}

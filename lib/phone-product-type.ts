/**
 * The Amazon Chime product a phone number is ordered for.
 */
export enum PhoneProductType {
  /** Amazon Chime Business Calling (legacy `chime` API only). */
  BUSINESS_CALLING = 'BusinessCalling',
  /** Amazon Chime SDK Voice Connector. */
  VOICE_CONNECTOR = 'VoiceConnector',
  /** Amazon Chime SDK SIP media application dial-in. */
  SIP_MEDIA_APPLICATION_DIAL_IN = 'SipMediaApplicationDialIn',
}

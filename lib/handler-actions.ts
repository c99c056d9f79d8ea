// The IAM actions the provider's handler functions are granted: exactly the Chime calls each makes.

/**
 * Routing taken away (before numbers change product type or are released, and by
 * Custom::ChimePhoneNumberRouting on delete): granted to both functions, since both do it.
 * SIP rules are disabled before they are deleted, as Chime requires.
 */
const UNROUTE_ACTIONS = [
  'chime:DeleteSipRule',
  'chime:DisassociatePhoneNumbersFromVoiceConnector',
  'chime:DisassociatePhoneNumbersFromVoiceConnectorGroup',
  'chime:GetSipRule',
  'chime:UpdateSipRule',
];
/**
 * The `chime:` actions each handler calls; nothing else is granted. Not part of the package's API; the
 * handler tests read them and fail a call that sends an operation outside its function's list.
 */
export const ON_EVENT_ACTIONS = [
  'chime:BatchDeletePhoneNumber',
  'chime:CreatePhoneNumberOrder',
  'chime:GetPhoneNumber',
  'chime:GetPhoneNumberOrder',
  'chime:ListPhoneNumberOrders',
  // Search orders: the numbers carrying the resource's mark are found by listing the account's numbers.
  'chime:ListPhoneNumbers',
  'chime:RestorePhoneNumber',
  'chime:SearchAvailablePhoneNumbers',
  'chime:UpdatePhoneNumber',
  // A routing target is looked up before anything is ordered for it.
  'chime:GetSipMediaApplication',
  'chime:GetVoiceConnector',
  'chime:GetVoiceConnectorGroup',
  ...UNROUTE_ACTIONS,
];
export const IS_COMPLETE_ACTIONS = [
  'chime:BatchDeletePhoneNumber',
  // Search orders: when numbers were taken between the search and the order, the waiter searches and orders again.
  'chime:CreatePhoneNumberOrder',
  'chime:GetPhoneNumber',
  'chime:GetPhoneNumberOrder',
  'chime:ListPhoneNumbers',
  'chime:SearchAvailablePhoneNumbers',
  // Legacy API only: the newest order behind numbers that do not name theirs.
  'chime:ListPhoneNumberOrders',
  // Giving back an adopted number (its Name) when a failed create or a removal lets it go.
  'chime:UpdatePhoneNumber',
  // Routing the numbers once the order has them, and keeping it in step.
  'chime:AssociatePhoneNumbersWithVoiceConnector',
  'chime:AssociatePhoneNumbersWithVoiceConnectorGroup',
  'chime:CreateSipRule',
  ...UNROUTE_ACTIONS,
];

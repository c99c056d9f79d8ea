/** Public entry point of the Chime phone-number emulator. */
export { startEmulator } from './server';
export { CONTROL_ENDPOINTS } from './control';
export { DEFAULT_CREDENTIALS } from './credentials';
export type { EmulatorCredentials } from './credentials';
/** Where Chime SDK Voice answers; elsewhere its requests get no answer, as in AWS. */
export { LEGACY_SIGNING_REGION, VOICE_REGIONS } from './regions';
/** Seeded randomness (mulberry32), for tools that replay runs from a seed. */
export { Prng } from './random';
export type {
  ApiName,
  AssociationName,
  ConfigurablePatch,
  Emulator,
  EmulatorAssociation,
  EmulatorOptions,
  EmulatorOrder,
  EmulatorPhoneNumber,
  EmulatorRouting,
  EmulatorSnapshot,
  EmulatorStats,
  FaultCounters,
  FaultSettings,
  InjectedFault,
  InjectedFaultKind,
  InProgressOrderStatus,
  OperationName,
  OrderScript,
  OrderedNumberStatus,
  OrderStatus,
  PhoneNumberStatus,
  ProductType,
  ReleaseFailureScript,
  RoutingOperationName,
  ScriptedOrderEnd,
  SeededNumber,
  TakeAfterSearchScript,
  UnrelatedOrderOptions,
} from './types';

/** Public entry point of the Chime phone-number emulator. */
export { startEmulator } from './server';
export { CONTROL_ENDPOINTS } from './control';
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
  ScriptedOrderEnd,
  SeededNumber,
  UnrelatedOrderOptions,
} from './types';

export * from './chime-api';
export * from './phone-product-type';
export * from './phone-number-order';
export * from './phone-number-order-provider';
export * from './phone-number-search';
export * from './phone-number-target';

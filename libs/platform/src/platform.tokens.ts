/** DI tokens the service platform provides to every app. */
export const SERVICE_CONFIG = Symbol('SERVICE_CONFIG');
export const KAFKA = Symbol('KAFKA');
export const EVENT_PRODUCER = Symbol('EVENT_PRODUCER');
/** An app that writes events provides its outbox stores under this token. */
export const OUTBOX_STORES = Symbol('OUTBOX_STORES');

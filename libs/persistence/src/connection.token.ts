/** DI token of the service's one MongoDB connection (provided by the platform module). */
export const MONGO_CONNECTION = Symbol('MONGO_CONNECTION');

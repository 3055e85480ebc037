import mongoose, { type Connection } from 'mongoose';

/**
 * Opens a connection. Application code relies on single-document atomic
 * updates only (no transactions, TTL expiry or serverApi), so the same code
 * runs on a MongoDB replica set and on the wire-protocol stand-in used locally.
 */
export async function openConnection(uri: string): Promise<Connection> {
  const connection = mongoose.createConnection(uri, {
    serverSelectionTimeoutMS: 5_000,
    maxPoolSize: 20,
    autoIndex: true,
  });
  return connection.asPromise();
}

export async function pingDatabase(connection: Connection): Promise<boolean> {
  if (connection.readyState !== mongoose.ConnectionStates.connected || !connection.db) return false;
  try {
    await connection.db.command({ ping: 1 });
    return true;
  } catch {
    return false;
  }
}

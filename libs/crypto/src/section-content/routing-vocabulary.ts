/**
 * The routing vocabulary of libs/contracts (vocabulary/routing.ts), mirrored
 * because the SDK runs in browsers and depends on no server library; a unit
 * test holds the two lists equal.
 */
export const NEED_CATEGORIES = ['legal', 'shelter', 'health', 'protection', 'interpretation'] as const;
export const URGENCIES = ['routine', 'urgent', 'critical'] as const;

// The only texts a caller sees. They say what to do, never which check failed
// or anything from the token.
export const UNAUTHORIZED_MESSAGE = 'A valid bearer token is required.';
export const FORBIDDEN_MESSAGE = 'Your role does not allow this action.';

/** A mutation the tree refuses; the service turns it into an ApiError naming the mutation and field. */
export class TreeMutationError extends Error {
  constructor(
    readonly code: 'NOT_FOUND' | 'INVALID_PAYLOAD',
    message: string,
    /** The mutation's field at fault, for inline form errors. */
    readonly field?: string,
  ) {
    super(message);
    this.name = 'TreeMutationError';
  }
}

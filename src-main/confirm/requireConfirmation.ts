import { ApiError } from '../common/apiError';
import type { ConfirmationRequest, UserConfirmation } from '../ports';

/** Asks the user; a refusal (or a port that cannot ask) becomes a NOT_CONFIRMED error that changes nothing. */
export async function requireConfirmation(
  confirmation: UserConfirmation,
  request: ConfirmationRequest,
): Promise<void> {
  let allowed = false;
  try {
    allowed = await confirmation.confirm(request);
  } catch {
    allowed = false;
  }
  if (!allowed) {
    throw new ApiError('NOT_CONFIRMED', `Not allowed: ${request.message} Nothing was changed.`);
  }
}

/** Where nobody can be asked (no dialog, no terminal): nothing that needs a confirmation is allowed. */
export const refuseEveryConfirmation: UserConfirmation = {
  confirm: () => Promise.resolve(false),
};

/** The text of a request as a dialog or a terminal shows it. */
export function confirmationText(request: ConfirmationRequest): string {
  return [request.message, ...request.items.map((item) => `  ${item}`), request.risk].join('\n');
}

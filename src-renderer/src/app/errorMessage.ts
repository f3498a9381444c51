/** The human part of anything thrown: MuxdeckApiError and Error carry the server's or runtime's words. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}

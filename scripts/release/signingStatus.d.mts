export function notarizationCredentials(
  env: Record<string, string | undefined>,
): 'Apple ID' | 'App Store Connect API key' | 'keychain profile' | undefined;
export function signingStatus(
  platform: string,
  env: Record<string, string | undefined>,
): { signed: boolean; line: string };

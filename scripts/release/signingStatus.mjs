// What the installer build will sign and notarize, from the environment only (electron-builder reads
// the same variables). Absent variables mean an unsigned build, said in one line by afterSign.mjs.

/** @param {Record<string, string | undefined>} env @param {readonly string[]} names */
const all = (env, names) => names.every((name) => Boolean(env[name]));

/** Notarization credentials electron-builder accepts, in its order of preference. */
export function notarizationCredentials(env) {
  if (all(env, ['APPLE_ID', 'APPLE_APP_SPECIFIC_PASSWORD', 'APPLE_TEAM_ID'])) return 'Apple ID';
  if (all(env, ['APPLE_API_KEY', 'APPLE_API_KEY_ID', 'APPLE_API_ISSUER'])) return 'App Store Connect API key';
  if (all(env, ['APPLE_KEYCHAIN_PROFILE'])) return 'keychain profile';
  return undefined;
}

/**
 * One line saying how this platform's build is signed.
 * @param {string} platform electron-builder's electronPlatformName: darwin, win32, linux (or mas)
 * @param {Record<string, string | undefined>} env
 * @returns {{ signed: boolean, line: string }}
 */
export function signingStatus(platform, env) {
  if (platform === 'darwin' || platform === 'mas') {
    const certificate = env.CSC_LINK || env.CSC_NAME;
    if (!certificate)
      return {
        signed: false,
        line: 'macOS: UNSIGNED build (set CSC_LINK and CSC_KEY_PASSWORD to sign; see docs/install.md#signing)',
      };
    const notarized = notarizationCredentials(env);
    return {
      signed: true,
      line: notarized
        ? `macOS: signed with ${env.CSC_LINK ? 'CSC_LINK' : 'CSC_NAME'}, notarized with the ${notarized}`
        : `macOS: signed with ${env.CSC_LINK ? 'CSC_LINK' : 'CSC_NAME'}, NOT notarized (set APPLE_API_KEY, APPLE_API_KEY_ID and APPLE_API_ISSUER)`,
    };
  }
  if (platform === 'win32') {
    const variable = env.WIN_CSC_LINK ? 'WIN_CSC_LINK' : env.CSC_LINK ? 'CSC_LINK' : undefined;
    return variable
      ? { signed: true, line: `Windows: signed with ${variable}` }
      : {
          signed: false,
          line: 'Windows: UNSIGNED build (set WIN_CSC_LINK and WIN_CSC_KEY_PASSWORD to sign; see docs/install.md#signing)',
        };
  }
  return {
    signed: false,
    line: `${platform}: packages are not signed (electron-updater checks their sha512)`,
  };
}

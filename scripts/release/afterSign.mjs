// electron-builder afterSign hook (electron-builder.yml): says in one line whether this build is
// signed and notarized. electron-builder itself signs (CSC_LINK...) and notarizes (APPLE_...).
import { signingStatus } from './signingStatus.mjs';

/** @param {{ electronPlatformName: string }} context */
export default function afterSign(context) {
  const { line } = signingStatus(context.electronPlatformName, process.env);
  console.log(`  • muxdeck signing  ${line}`);
}

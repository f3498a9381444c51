import { electronBinary } from './electronBinary';

/** Says why the smoke test will skip, where the person running it looks (a skip's reason is not printed). */
export default function sayWhyItSkips(): void {
  const binary = electronBinary();
  if ('missing' in binary) console.log(`\nElectron smoke test skipped: ${binary.missing}\n`);
}

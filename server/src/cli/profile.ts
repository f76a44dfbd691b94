/**
 * `plist-sentinel profile PATH...`: prints each provisioning profile as the editor's read-only page shows it (name,
 * team, App ID, expiry, devices, certificates, entitlements). Exit 2 when a path is not a readable profile.
 */
import { readProfileFiles } from '../profiles';
import { PLAIN_WRITER } from '../service/markdownText';
import { describeProfile } from '../service/profile/describe';
import type { CliIo } from './check';

/** Prints the profiles at `args` and returns the exit code. */
export function runProfile(args: readonly string[], io: CliIo): number {
  const paths = args.filter((arg) => arg !== '');
  if (paths.length === 0 || paths.some((arg) => arg.startsWith('-'))) {
    io.stderr('Usage: plist-sentinel profile PATH...   (a .mobileprovision or .provisionprofile file, or a folder of them)\n');
    return 2;
  }
  const { profiles, errors } = readProfileFiles(paths);
  const now = new Date();
  // Plain text: a terminal shows markdown escapes as written, and a control character in a field could drive it.
  io.stdout(profiles.map((profile) => describeProfile(profile, now, PLAIN_WRITER)).join('\n'));
  for (const error of errors) io.stderr(`plist-sentinel: ${error}\n`);
  return errors.length > 0 || profiles.length === 0 ? 2 : 0;
}

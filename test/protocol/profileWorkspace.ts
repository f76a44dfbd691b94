/**
 * The temp workspace the profile protocol and CLI tests share: a one-target Xcode project, its entitlements file
 * and Info.plist, and two signed profiles (one for the target, one for another app).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { TEAM, type Signer } from '../builders/signedProfiles';

export const ENTITLEMENTS = `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<plist version="1.0">
<dict>
\t<key>aps-environment</key>
\t<string>production</string>
\t<key>com.apple.developer.healthkit</key>
\t<true/>
</dict>
</plist>
`;

/** A one-target iOS project: App/App.entitlements, bundle identifier com.example.myapp, team TEAM. */
export function projectFile(team = TEAM): string {
  const settings = `CODE_SIGN_ENTITLEMENTS = App/App.entitlements; INFOPLIST_FILE = App/Info.plist; PRODUCT_BUNDLE_IDENTIFIER = com.example.myapp; DEVELOPMENT_TEAM = ${team}; SDKROOT = iphoneos;`;
  return `// !$*UTF8*$!
{
\tarchiveVersion = 1;
\tobjects = {
\t\tCONF = { isa = XCBuildConfiguration; buildSettings = { ${settings} }; name = Debug; };
\t\tLIST = { isa = XCConfigurationList; buildConfigurations = (CONF); };
\t\tTARGET = { isa = PBXNativeTarget; buildConfigurationList = LIST; name = App; productType = "com.apple.product-type.application"; };
\t\tPCONF = { isa = XCBuildConfiguration; buildSettings = { }; name = Debug; };
\t\tPLIST = { isa = XCConfigurationList; buildConfigurations = (PCONF); };
\t\tPROJECT = { isa = PBXProject; buildConfigurationList = PLIST; targets = (TARGET); };
\t};
\trootObject = PROJECT;
}
`;
}

/** Writes the workspace into `folder`: the project, the entitlements file, an Info.plist and two profiles. */
export function writeWorkspace(signer: Signer, folder: string): { entitlements: string; profile: string; other: string } {
  mkdirSync(path.join(folder, 'App.xcodeproj'), { recursive: true });
  mkdirSync(path.join(folder, 'App'), { recursive: true });
  mkdirSync(path.join(folder, 'signing'), { recursive: true });
  writeFileSync(path.join(folder, 'App.xcodeproj', 'project.pbxproj'), projectFile());
  const entitlements = path.join(folder, 'App', 'App.entitlements');
  writeFileSync(entitlements, ENTITLEMENTS);
  writeFileSync(path.join(folder, 'App', 'Info.plist'), '<plist version="1.0"><dict><key>NSHealthShareUsageDescription</key><string>Reads your steps.</string></dict></plist>\n');
  const profile = signer.writeProfile(path.join(folder, 'signing', 'App_Development.mobileprovision'), { entitlements: { 'aps-environment': 'development' } });
  const other = signer.writeProfile(path.join(folder, 'signing', 'Other.mobileprovision'), {
    name: 'Other App Store',
    bundleIdentifier: 'com.example.other',
    devices: 0,
    entitlements: { 'aps-environment': 'production', 'com.apple.developer.healthkit': true, 'get-task-allow': false },
  });
  return { entitlements, profile, other };
}

import * as assert from 'node:assert/strict';
import type { TargetInfo } from '../../../../shared/src/target';
import { describeEntry, describeTarget } from '../../../../server/src/service/features/hover';
import { CATALOG } from '../../../../shared/src/catalogData';
import { PLIST_HEADER, catalogEntry, companionOf, context, diagnose, hoverAt, plist } from '../../helpers';
import { profileData } from '../../../builders/signedProfiles';

describe('hover', () => {
  describe('on a key', () => {
    const sensorKitHover = () => hoverAt(plist('\n\t<key>com.apple.developer.sensor$0kit.reader.allow</key>\n\t<array/>\n'), { fileKind: 'entitlements' });

    it('covers the key text', () => {
      assert.equal(sensorKitHover()?.covered, 'com.apple.developer.sensorkit.reader.allow');
    });

    it('gives the summary, type, platforms, approval and docs link', () => {
      const markdown = sensorKitHover()?.markdown ?? '';
      assert.match(markdown, /SensorKit data streams/);
      assert.match(markdown, /`array of string`/);
      assert.match(markdown, /iOS, iPadOS, visionOS/);
      assert.match(markdown, /approval/);
      assert.match(markdown, /\(https:\/\/developer\.apple\.com\/documentation\/bundleresources\/entitlements\/com\.apple\.developer\.sensorkit\.reader\.allow\)/);
    });

    it('says nothing about approval for a key that needs none', () => {
      const hover = hoverAt(plist('<key>com.apple.security.app-$0sandbox</key><true/>'), { fileKind: 'entitlements' });
      assert.match(hover?.markdown ?? '', /App Sandbox/);
      assert.doesNotMatch(hover?.markdown ?? '', /approval/);
    });

    it('orders summary, then facts, then the link', () => {
      const markdown = sensorKitHover()?.markdown ?? '';
      const summaryAt = markdown.indexOf('SensorKit data streams');
      const typeAt = markdown.indexOf('Type:');
      const linkAt = markdown.indexOf('](https://');
      assert.ok(summaryAt >= 0 && summaryAt < typeAt && typeAt < linkAt);
    });

    it('works at either end of the key text', () => {
      assert.equal(hoverAt(plist('<key>$0aps-environment</key><string>production</string>'), { fileKind: 'entitlements' })?.covered, 'aps-environment');
      assert.equal(hoverAt(plist('<key>aps-environment$0</key><string>production</string>'), { fileKind: 'entitlements' })?.covered, 'aps-environment');
    });

    it('describes nested Info.plist keys, through free-form levels', () => {
      const text = plist(`
\t<key>NSAppTransportSecurity</key>
\t<dict>
\t\t<key>NSExceptionDomains</key>
\t\t<dict>
\t\t\t<key>example.com</key>
\t\t\t<dict>
\t\t\t\t<key>NSIncludes$0Subdomains</key>
\t\t\t\t<true/>
\t\t\t</dict>
\t\t</dict>
\t</dict>
`);
      assert.equal(hoverAt(text, { fileKind: 'infoPlist' })?.covered, 'NSIncludesSubdomains');
      assert.equal(hoverAt(text.replace('NSIncludes$0Subdomains', 'NSIncludesSubdomains').replace('example.com', 'exam$0ple.com'), { fileKind: 'infoPlist' }), undefined);
    });

    it('describes a key with a device suffix as its plain key', () => {
      const hover = hoverAt(plist('<key>UISupportedInterfaceOrientations~i$0pad</key><array/>'), { fileKind: 'infoPlist' });
      assert.equal(hover?.covered, 'UISupportedInterfaceOrientations~ipad');
      assert.match(hover?.markdown ?? '', /\*\*UISupportedInterfaceOrientations\*\*/);
    });

    it('describes the keys of each dict in an array', () => {
      const hover = hoverAt(plist('<key>CFBundleURLTypes</key><array><dict><key>CFBundleURL$0Schemes</key><array/></dict></array>'), { fileKind: 'infoPlist' });
      assert.equal(hover?.covered, 'CFBundleURLSchemes');
    });

    it('says a misplaced key belongs in the other file', () => {
      const hover = hoverAt(plist('<key>NSCamera$0UsageDescription</key><string>x</string>'), { fileKind: 'entitlements' });
      assert.match(hover?.markdown ?? '', /camera/);
      assert.match(hover?.markdown ?? '', /belongs in Info\.plist/);
    });

    it('says a private key is private to Apple', () => {
      const hover = hoverAt(plist('<key>com.apple.private.$0tcc.allow</key><array/>'), { fileKind: 'entitlements' });
      assert.equal(hover?.covered, 'com.apple.private.tcc.allow');
      assert.match(hover?.markdown ?? '', /private to Apple/);
    });
  });

  describe('on a hallucinated key', () => {
    it('says it is not real and what to use instead', () => {
      const hover = hoverAt(plist('<key>com.apple.developer.push$0-notifications</key><string>production</string>'), { fileKind: 'entitlements' });
      assert.equal(hover?.covered, 'com.apple.developer.push-notifications');
      assert.match(hover?.markdown ?? '', /not a real key/);
      assert.match(hover?.markdown ?? '', /aps-environment/);
      assert.match(hover?.markdown ?? '', /com\.apple\.developer\.aps-environment \(macOS\)/);
    });

    it('tells what the replacements are, not the sentence the diagnostic already shows', () => {
      const text = plist('<key>com.apple.developer.push$0-notifications</key><string>production</string>');
      const markdown = hoverAt(text, { fileKind: 'entitlements' })?.markdown ?? '';
      const found = diagnose(text.replace('$0', ''), { fileKind: 'entitlements' }).find((diagnostic) => diagnostic.code === 'hallucinated-key')?.message ?? '';
      const message = typeof found === 'string' ? found : found.value;
      assert.match(message, /real key is 'aps-environment'/);
      assert.ok(!markdown.includes(message.slice(message.indexOf(': ') + 2)), markdown);
      assert.ok(!markdown.toLowerCase().includes('no entitlement has this name'), markdown);
      const aps = CATALOG.entitlements.find((entry) => entry.key === 'aps-environment');
      assert.ok(aps !== undefined && markdown.includes(aps.summary));
      assert.ok(markdown.includes(`(${aps.docUrl})`));
    });

    it('never repeats the advice of any catalogued invention, and names what every replacement is', () => {
      let checked = 0;
      for (const hallucination of CATALOG.hallucinations) {
        // Some inventions are real keys of the other file (`UIBackgroundModes`): misplaced-key speaks for those.
        const codes = diagnose(plist(`<key>${hallucination.key}</key><true/>`), { fileKind: 'entitlements' }).map((diagnostic) => diagnostic.code);
        if (!codes.includes('hallucinated-key')) continue;
        checked++;
        const markdown = hoverAt(plist(`<key>$0${hallucination.key}</key><true/>`), { fileKind: 'entitlements' })?.markdown ?? '';
        assert.match(markdown, /not a real key/, hallucination.key);
        assert.ok(!markdown.includes(hallucination.advice), hallucination.key);
        for (const replacement of hallucination.replacements) {
          const entry = CATALOG.entitlements.find((candidate) => candidate.key === replacement) ?? CATALOG.infoPlist.find((candidate) => candidate.key === replacement);
          assert.ok(entry !== undefined && markdown.includes(entry.summary), `${hallucination.key} -> ${replacement}`);
        }
      }
      assert.ok(checked > CATALOG.hallucinations.length / 2, `${checked}`);
    });
  });

  describe('on a value', () => {
    it('explains an enumerated value inside an array', () => {
      const hover = hoverAt(plist(`
\t<key>com.apple.developer.networking.networkextension</key>
\t<array>
\t\t<string>app-proxy-provider</string>
\t\t<string>packet-tunnel$0-provider</string>
\t</array>
`), { fileKind: 'entitlements' });
      assert.equal(hover?.covered, 'packet-tunnel-provider');
      assert.match(hover?.markdown ?? '', /packet tunnel provider/);
      assert.match(hover?.markdown ?? '', /com\.apple\.developer\.networking\.networkextension/);
      assert.match(hover?.markdown ?? '', /\(https:\/\/developer\.apple\.com\//);
    });

    it('explains an enumerated Info.plist value, also under a key with a device suffix', () => {
      for (const key of ['UISupportedInterfaceOrientations', 'UISupportedInterfaceOrientations~ipad']) {
        const hover = hoverAt(plist(`<key>${key}</key><array><string>UIInterfaceOrientation$0Portrait</string></array>`), { fileKind: 'infoPlist' });
        assert.equal(hover?.covered, 'UIInterfaceOrientationPortrait', key);
      }
    });

    it('explains an enumerated string value', () => {
      const hover = hoverAt(plist('<key>aps-environment</key><string>produ$0ction</string>'), { fileKind: 'entitlements' });
      assert.equal(hover?.covered, 'production');
      assert.match(hover?.markdown ?? '', /production APNs environment/);
    });

    it('says nothing about a value that is not documented, or a value of an unknown key', () => {
      assert.equal(hoverAt(plist('<key>aps-environment</key><string>stag$0ing</string>'), { fileKind: 'entitlements' }), undefined);
      assert.equal(hoverAt(plist('<key>org.example.flag</key><string>produ$0ction</string>'), { fileKind: 'entitlements' }), undefined);
      assert.equal(hoverAt(plist('<key>com.apple.security.app-sandbox</key><tr$0ue/>'), { fileKind: 'entitlements' }), undefined);
    });
  });

  describe('nothing to say', () => {
    it('on custom Info.plist keys', () => {
      assert.equal(hoverAt(plist('<key>MyApp$0Setting</key><string>x</string>'), { fileKind: 'infoPlist' }), undefined);
      assert.equal(hoverAt(plist('<key>SUFeed$0URL</key><string>x</string>'), { fileKind: 'infoPlist' }), undefined);
    });

    it('on a typo (the diagnostic says it) or an allowed key', () => {
      assert.equal(hoverAt(plist('<key>com.apple.security.app-sand$0bx</key><true/>'), { fileKind: 'entitlements' }), undefined);
      assert.equal(hoverAt(plist('<key>com.apple.private.$0tcc.allow</key><array/>'), { fileKind: 'entitlements', allowedKeys: ['com.apple.private.tcc.allow'] }), undefined);
    });

    it('between entries and outside the root', () => {
      assert.equal(hoverAt(plist('<key>aps-environment</key><string>production</string>\n$0\n'), { fileKind: 'entitlements' }), undefined);
      assert.equal(hoverAt(`<?xml version="1.0"?>$0\n${PLIST_HEADER}<dict/></plist>`, { fileKind: 'entitlements' }), undefined);
    });
  });

  describe('in a half-typed file', () => {
    it('still describes the keys before the one being typed', () => {
      const text = `${PLIST_HEADER}<dict>\n\t<key>aps-environment</key>\n\t<string>produ$0ction</string>\n\t<key>com.apple.security.app-sandbox</key>\n\t<key>com.apple.developer.`;
      assert.equal(hoverAt(text, { fileKind: 'entitlements' })?.covered, 'production');
      const onKey = text.replace('produ$0ction', 'production').replace('app-sandbox', 'app-$0sandbox');
      assert.equal(hoverAt(onKey, { fileKind: 'entitlements' })?.covered, 'com.apple.security.app-sandbox');
    });

    it('describes a key whose </key> is not typed yet', () => {
      assert.equal(hoverAt(`${PLIST_HEADER}<dict>\n\t<key>com.apple.security.app-sandbox$0`, { fileKind: 'entitlements' })?.covered, 'com.apple.security.app-sandbox');
    });
  });

  describe('describeEntry', () => {
    it('marks deprecated keys with their replacement and low-confidence entries', () => {
      const markdown = describeEntry(catalogEntry('com.example.old', { isDeprecated: true, replacedBy: ['com.example.new'], confidence: 'low' }));
      assert.match(markdown, /Deprecated/);
      assert.match(markdown, /`com\.example\.new`/);
      assert.match(markdown, /confidence: low/);
    });

    it('escapes markdown in key names', () => {
      const markdown = describeEntry(catalogEntry('NS_Some*Key', { file: 'infoPlist' }));
      assert.ok(markdown.startsWith('**NS\\_Some\\*Key**'));
    });
  });

  describe('on the plist root', () => {
    const CLIP: TargetInfo = {
      platforms: ['iOS', 'iPadOS'],
      productType: 'app-clip',
      platformSource: 'project',
      name: 'MyClip',
      reasons: ['CODE_SIGN_ENTITLEMENTS of target MyClip in Sample.xcodeproj'],
    };
    const TEXT = plist('\n\t<key>com.apple.developer.parent-application-identifiers</key>\n\t<array/>\n');

    /** Markdown with its escapes removed, so assertions read as the user sees it. */
    const shown = (markdown: string | undefined) => (markdown ?? '').replace(/\\(.)/g, '$1');

    it('on <plist, shows the kind, target, product type, platforms and reasons', () => {
      const hover = hoverAt(TEXT.replace('<plist', '<pl$0ist'), { fileKind: 'entitlements', target: CLIP });
      assert.equal(hover?.covered, '<plist version="1.0">');
      const markdown = shown(hover?.markdown);
      assert.match(markdown, /Entitlements/);
      assert.match(markdown, /MyClip/);
      assert.match(markdown, /App Clip/);
      assert.match(markdown, /iOS, iPadOS/);
      assert.ok(markdown.includes('CODE_SIGN_ENTITLEMENTS of target MyClip in Sample.xcodeproj'), markdown);
    });

    it('on the root <dict> tag, shows the same', () => {
      const hover = hoverAt(TEXT.replace('<dict>', '<di$0ct>'), { fileKind: 'entitlements', target: CLIP });
      assert.equal(hover?.covered, '<dict>');
      assert.equal(hover?.markdown, hoverAt(TEXT.replace('<plist', '<$0plist'), { fileKind: 'entitlements', target: CLIP })?.markdown);
    });

    it('names the file kind of an Info.plist and each reason', () => {
      const target: TargetInfo = { platforms: ['macOS'], productType: undefined, platformSource: 'guess', reasons: ['first reason', 'second reason'] };
      const markdown = shown(hoverAt(plist('<key>LSMinimumSystemVersion</key><string>13.0</string>').replace('<dict>', '$0<dict>'), { fileKind: 'infoPlist', target })?.markdown);
      assert.match(markdown, /Info\.plist/);
      assert.match(markdown, /macOS/);
      assert.match(markdown, /first reason/);
      assert.match(markdown, /second reason/);
    });

    it('says how to set the target when nothing is known', () => {
      const markdown = shown(hoverAt(TEXT.replace('<dict>', '<dict$0>'), { fileKind: 'entitlements' })?.markdown);
      assert.match(markdown, /plistSentinel\.platform/);
      assert.match(markdown, /plistSentinel\.productType/);
    });

    it('names the paired file', () => {
      const markdown = shown(describeTarget(context({ fileKind: 'entitlements', target: CLIP, companion: companionOf(PLIST_HEADER, 'infoPlist') })));
      assert.match(markdown, /Info\.plist/);
      const unpaired = shown(describeTarget(context({ fileKind: 'entitlements', target: CLIP })));
      assert.doesNotMatch(unpaired, /Info\.plist/);
    });

    it('escapes markdown in target names and reasons', () => {
      const markdown = describeTarget(context({ fileKind: 'entitlements', target: { ...CLIP, name: 'My_*App*', reasons: ['SDKROOT of `x` <y>'] } }));
      assert.ok(markdown.includes('My\\_\\*App\\*'), markdown);
      assert.ok(!markdown.includes('`x`'), markdown);
    });

    it('is not shown on nested dicts, keys, or the closing tags', () => {
      const nested = plist('<key>com.example.x</key><dict><key>a</key><true/></dict>');
      const nestedAt = nested.lastIndexOf('<dict>');
      assert.equal(hoverAt(`${nested.slice(0, nestedAt + 2)}$0${nested.slice(nestedAt + 2)}`, { fileKind: 'entitlements', target: CLIP }), undefined);
      assert.equal(hoverAt(TEXT.replace('</plist>', '</pl$0ist>'), { fileKind: 'entitlements', target: CLIP }), undefined);
      assert.equal(hoverAt(TEXT.replace('</dict>', '</di$0ct>'), { fileKind: 'entitlements', target: CLIP }), undefined);
    });
  });
});

describe('hover with a provisioning profile', () => {
  const profile = profileData({ name: 'My_App Dev', entitlements: { ...profileData().entitlements, 'aps-environment': 'development' }, location: '/ws/My.mobileprovision' });

  it('adds what the profile grants for the key under the key\'s own hover', () => {
    const hover = hoverAt(plist('<key>aps-envir$0onment</key><string>production</string>'), { fileKind: 'entitlements', profile });
    assert.equal(hover?.covered, 'aps-environment');
    assert.match(hover?.markdown ?? '', /^\*\*aps-environment\*\*/);
    assert.ok(hover?.markdown.endsWith("The profile 'My\\_App Dev' grants: `development`"), hover?.markdown);
  });

  it('says when the profile does not grant the key, even for a key the catalog does not know', () => {
    const known = hoverAt(plist('<key>com.apple.developer.health$0kit</key><true/>'), { fileKind: 'entitlements', profile });
    assert.match(known?.markdown ?? '', /does not grant this entitlement/);
    const allowed = hoverAt(plist('<key>com.example.cust$0om</key><true/>'), { fileKind: 'entitlements', allowedKeys: ['com.example.custom'], profile });
    assert.match(allowed?.markdown ?? '', /^\*\*com\.example\.custom\*\*\n\nThe profile .* does not grant this entitlement\.$/);
  });

  it('lists array grants, and names the profile in the root hover', () => {
    const hover = hoverAt(plist('<key>keychain-access-$0groups</key><array/>'), { fileKind: 'entitlements', profile });
    assert.ok(hover?.markdown.endsWith('grants: `ABCDE12345.*`, `com.apple.token`'), hover?.markdown);
    const root = hoverAt(plist('').replace('<dict>', '<di$0ct>'), { fileKind: 'entitlements', profile });
    assert.match(root?.markdown ?? '', /Checked against provisioning profile 'My\\_App Dev' \(`\/ws\/My\.mobileprovision`\)/);
  });

  it('shows a hostile profile\'s name, location and grants literally, on the lines they belong to', () => {
    const hostile = profileData({ name: 'Evil\n# Forged <img src=x>', location: '/ws/a`b\n- x.mobileprovision', entitlements: { 'aps-environment': 'dev`\n# x<script>' } });
    const grant = hoverAt(plist('<key>aps-envir$0onment</key><string>production</string>'), { fileKind: 'entitlements', profile: hostile });
    assert.ok(grant?.markdown.endsWith("The profile 'Evil\u240a# Forged \\<img src=x\\>' grants: dev\\`\u240a# x\\<script\\>"), grant?.markdown);
    const root = hoverAt(plist('').replace('<dict>', '<di$0ct>'), { fileKind: 'entitlements', profile: hostile });
    assert.match(root?.markdown ?? '', /\(\/ws\/a\\`b\u240a- x\.mobileprovision\)\.$/m);
    for (const markdown of [grant?.markdown ?? '', root?.markdown ?? '']) assert.ok(!markdown.split('\n').some((line) => /^(#|- x)/.test(line)), markdown);
  });

  it('adds nothing in Info.plist or on nested keys', () => {
    const info = hoverAt(plist('<key>CFBundle$0Name</key><string>x</string>'), { fileKind: 'infoPlist', profile });
    assert.doesNotMatch(info?.markdown ?? '', /profile/);
    assert.equal(hoverAt(plist('<key>com.example.x</key><dict><key>ne$0sted</key><true/></dict>'), { fileKind: 'entitlements', profile }), undefined);
  });
});

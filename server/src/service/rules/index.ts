/** Every rule, one per diagnostic code. */
import { appClipUnsupported } from './appClipUnsupported';
import { deprecatedKey } from './deprecatedKey';
import { duplicateKey } from './duplicateKey';
import { hallucinatedKey } from './hallucinatedKey';
import { managedEntitlement } from './managedEntitlement';
import { misplacedKey } from './misplacedKey';
import { missingCompanion } from './missingCompanion';
import { platformMismatch } from './platformMismatch';
import { plistSyntax } from './plistSyntax';
import { privateEntitlement } from './privateEntitlement';
import { unknownKey } from './unknownKey';
import type { Rule } from './types';

export const RULES: readonly Rule[] = [plistSyntax, hallucinatedKey, unknownKey, duplicateKey, misplacedKey, privateEntitlement, managedEntitlement, deprecatedKey, platformMismatch, appClipUnsupported, missingCompanion];

/** Every rule, one per diagnostic code. */
import { appClipUnsupported } from './appClipUnsupported';
import { deprecatedKey } from './deprecatedKey';
import { duplicateKey } from './duplicateKey';
import { emptyUsageDescription } from './emptyUsageDescription';
import { hallucinatedKey } from './hallucinatedKey';
import { invalidValue } from './invalidValue';
import { invalidValueType } from './invalidValueType';
import { managedEntitlement } from './managedEntitlement';
import { misplacedKey } from './misplacedKey';
import { missingCompanion } from './missingCompanion';
import { platformMismatch } from './platformMismatch';
import { plistSyntax } from './plistSyntax';
import { privateEntitlement } from './privateEntitlement';
import { profileExpired } from './profileExpired';
import { profileMissingEntitlement } from './profileMissingEntitlement';
import { profileValueMismatch } from './profileValueMismatch';
import { profileWrongTeam } from './profileWrongTeam';
import { signingInsertedKey } from './signingInsertedKey';
import { unknownKey } from './unknownKey';
import { missingApiDeclaration } from '../privacy/privacyRules';
import type { Rule } from '../types';

export const RULES: readonly Rule[] = [plistSyntax, hallucinatedKey, unknownKey, duplicateKey, misplacedKey, privateEntitlement, managedEntitlement, deprecatedKey, platformMismatch, appClipUnsupported, missingCompanion, invalidValueType, invalidValue, emptyUsageDescription, signingInsertedKey, profileMissingEntitlement, profileValueMismatch, profileExpired, profileWrongTeam, missingApiDeclaration];

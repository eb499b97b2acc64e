import type { Rule } from '../rule.js';
import { budgetLines } from './budget-lines.js';
import { budgetTokens } from './budget-tokens.js';
import { charterRequired } from './charter-required.js';
import { charterSectionUnknown } from './charter-section-unknown.js';
import { constraintImplied } from './constraint-implied.js';
import { constraintLapsedSubject } from './constraint-lapsed-subject.js';
import { destructiveCommand } from './destructive-command.js';
import { handBackContract } from './hand-back-contract.js';
import { hiddenCharacter } from './hidden-character.js';
import { leftoverPlaceholder } from './leftover-placeholder.js';
import { moduleSection } from './module-section.js';
import { prPlanTotal } from './pr-plan-total.js';
import { prReferenceUnknown } from './pr-reference-unknown.js';
import { promptDrift } from './prompt-drift.js';
import { sectionEmpty } from './section-empty.js';
import { sectionOrder } from './section-order.js';
import { sectionRequired } from './section-required.js';
import { specialTokenText } from './special-token-text.js';

/** Every rule, in the order their findings are listed when positions tie. */
export const RULES: readonly Rule[] = [
  budgetTokens,
  budgetLines,
  sectionRequired,
  sectionOrder,
  sectionEmpty,
  specialTokenText,
  promptDrift,
  // Content: references, constraints and text hygiene.
  charterSectionUnknown,
  charterRequired,
  moduleSection,
  prReferenceUnknown,
  prPlanTotal,
  constraintImplied,
  constraintLapsedSubject,
  handBackContract,
  destructiveCommand,
  leftoverPlaceholder,
  hiddenCharacter,
];

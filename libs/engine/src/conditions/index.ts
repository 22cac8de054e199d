export {
  CONDITION_OPERATORS,
  SIMPLE_PATH_PATTERN,
  allConditionSchema,
  anyConditionSchema,
  conditionFacts,
  conditionOperatorSchema,
  conditionPathSchema,
  conditionSchema,
  conditionValueSchema,
  factReferenceSchema,
  isConditionOperator,
  isFactReference,
  leafConditionSchema,
  notConditionSchema,
  topLevelConditionSchema,
} from './condition.schema';
export type {
  AllCondition,
  AnyCondition,
  Condition,
  ConditionOperator,
  ConditionInput,
  ConditionValue,
  FactReference,
  LeafCondition,
  LeafConditionInput,
  NotCondition,
  TopLevelCondition,
  TopLevelConditionInput,
} from './condition.schema';
export { conditionOperators, createReferenceEngine } from './operators';
export type { ConditionOperatorFn } from './operators';
export { compileCondition, evaluateWithReference, pathKeys } from './compile-condition';
export type { CompiledCondition, ConditionFacts } from './compile-condition';
